"""Sign-up: the shared `user_create`, and `UserRegistered` in the same transaction once the
monolith publishes its facts."""

from django.db import transaction

from common.users.domain import User
from common.users.services import user_create
from monolith.publishing import outbox
from monolith.publishing.facts import user_facts


@transaction.atomic
def user_register(*, username: str, password: str) -> User:
    user = user_create(username=username, password=password)
    outbox.record(user_facts(user))
    return user
