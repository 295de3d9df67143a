"""What the users feature hands to the rest of Tandem: who wrote something, and a user who
has just signed up or signed in. Nothing here knows of HTTP or of a database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from common.auth.tokens import Principal
from common.events.payload import Facts


class Author(Facts):
    """Who wrote a post or a comment, as both builds show it and as events carry it."""

    id: int
    username: str

    @classmethod
    def of(cls, principal: Principal) -> Author:
        return cls(id=principal.user_id, username=principal.username)

    @classmethod
    def of_user(cls, user) -> Author:
        """From a stored user (`pk`, `username`), where a build keeps the users table."""
        return cls(id=user.pk, username=user.username)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    registered_at: datetime


@dataclass(frozen=True)
class SignedIn:
    user: User
    token: str
