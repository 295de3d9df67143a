"""Writes and checks of users, the same in both builds: `user_create` for sign-up,
`user_sign_in` for tokens. They return `common.users.domain` objects and raise
`common.users.errors`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction

from common.auth.keys import configured_signing_key
from common.auth.tokens import Principal, issue_token
from common.users.domain import SignedIn, User
from common.users.errors import InvalidCredentials, UnknownAuthor, UsernameTaken
from common.users.hashing import hashed
from common.users.models import User as UserRow


def _user(row: UserRow) -> User:
    return User(id=row.pk, username=row.username, registered_at=row.created_at)


def user_create(*, username: str, password: str) -> User:
    hash_ = hashed(lambda: make_password(password))
    try:
        with transaction.atomic():
            row = UserRow.objects.create(username=username, password=hash_)
    except IntegrityError as exc:
        raise UsernameTaken from exc
    return _user(row)


@lru_cache(maxsize=1)
def _hash_for_unknown_users() -> str:
    return make_password("not-a-real-password")


def user_sign_in(*, username: str, password: str) -> SignedIn:
    """The user and a fresh token, or InvalidCredentials for any wrong pair."""
    row = UserRow.objects.filter(username=username).first()
    # Hash even for an unknown name, so timing does not tell which names exist.
    stored = row.password if row else _hash_for_unknown_users()
    if not hashed(lambda: check_password(password, stored)) or row is None:
        raise InvalidCredentials
    token = issue_token(
        Principal(user_id=row.pk, username=row.username),
        key=configured_signing_key(),
        ttl=settings.TANDEM_TOKEN_TTL,
    )
    return SignedIn(user=_user(row), token=token)


@contextmanager
def unknown_author_refused() -> Iterator[None]:
    """Where a write points at the users table, a token whose user is gone is UnknownAuthor,
    not a broken foreign key."""
    try:
        yield
    except IntegrityError as exc:
        raise UnknownAuthor from exc
