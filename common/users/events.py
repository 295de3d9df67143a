"""The fact the users feature publishes. Password hashes never travel in an event."""

from __future__ import annotations

from common.events.payload import Moment, Payload
from common.users.domain import User


class UserRegistered(Payload):
    """A user signed up (never with their password or its hash)."""

    TYPE = "UserRegistered"
    VERSION = 1
    PRODUCER = "users"
    AGGREGATE = "user"

    user_id: int
    username: str
    registered_at: Moment

    @classmethod
    def of(cls, user: User) -> UserRegistered:
        return cls(user_id=user.id, username=user.username, registered_at=user.registered_at)

    @property
    def aggregate_id(self) -> int:
        return self.user_id
