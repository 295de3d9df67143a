"""Writes and checks of users: `user_create` for sign-up, `user_sign_in` for tokens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction

from common.api.errors import ApiError
from common.api.representations import user_repr
from common.auth.tokens import Principal, issue_token
from common.users.models import User


def user_create(*, username: str, password: str) -> User:
    try:
        with transaction.atomic():
            return User.objects.create(username=username, password=make_password(password))
    except IntegrityError as exc:
        raise ApiError(409, "username_taken", "This username is taken.") from exc


@lru_cache(maxsize=1)
def _hash_for_unknown_users() -> str:
    return make_password("not-a-real-password")


def user_sign_in(*, username: str, password: str) -> tuple[dict, str]:
    """The user's representation and a fresh token, or 401 for any wrong pair."""
    user = User.objects.filter(username=username).first()
    # Hash even for an unknown name, so timing does not tell which names exist.
    stored = user.password if user else _hash_for_unknown_users()
    if not check_password(password, stored) or user is None:
        raise ApiError(401, "invalid_credentials", "Wrong username or password.")
    token = issue_token(
        Principal(user_id=user.pk, username=user.username),
        secret=settings.TANDEM_TOKEN_SECRET,
        ttl=settings.TANDEM_TOKEN_TTL,
    )
    return user_repr(user_id=user.pk, username=user.username), token


@contextmanager
def unknown_author_refused() -> Iterator[None]:
    """A token stays valid for its lifetime even if its user is gone (a database reset):
    where a write points at the users table, that is a 401, not a broken foreign key."""
    try:
        yield
    except IntegrityError as exc:
        raise ApiError(401, "token_invalid", "The token names a user that does not exist.") from exc
