"""Sign-up in the split build: the shared `user_create`, plus its event in the same transaction."""

from django.db import transaction

from common.events import contract, outbox
from common.users.models import User
from common.users.services import user_create


@transaction.atomic
def user_register(*, username: str, password: str) -> User:
    user = user_create(username=username, password=password)
    outbox.record(
        contract.user_registered(
            user_id=user.pk, username=user.username, registered_at=user.created_at
        )
    )
    return user
