"""Sign-up in the split build: the shared `user_create`, plus its event in the same transaction."""

from django.db import transaction

from common.events import outbox
from common.users.domain import User
from common.users.events import UserRegistered
from common.users.services import user_create


@transaction.atomic
def user_register(*, username: str, password: str) -> User:
    user = user_create(username=username, password=password)
    outbox.record_fact(UserRegistered.of(user))
    return user
