"""The event contract of the split build: every event type, its fields, who owns it and who
consumes it. docs/events.md describes the same, for people.

An event records one fact and carries what its consumers need, so no consumer calls back to
its producer. Types are explicit constants with a major version; a consumer refuses a version
it does not know (the event goes to its dead letters) rather than guess.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from common.api.representations import timestamp

USER_REGISTERED = "UserRegistered"
POST_CREATED = "PostCreated"
COMMENT_CREATED = "CommentCreated"
COMMENT_MODERATED = "CommentModerated"
COMMENT_UPDATED = "CommentUpdated"


@dataclass(frozen=True)
class EventSpec:
    producer: str
    aggregate_type: str
    version: int
    #: data field -> the JSON type it must have
    fields: dict[str, type | tuple[type, ...]]
    consumers: tuple[str, ...]


_AUTHOR = dict
#: CommentCreated and CommentUpdated both carry the whole comment.
_COMMENT_FIELDS = {
    "comment_id": int,
    "post_id": int,
    "content": str,
    "status": str,
    "author": _AUTHOR,
    "created_at": str,
}
SPECS: dict[str, EventSpec] = {
    USER_REGISTERED: EventSpec(
        "users", "user", 1, {"user_id": int, "username": str, "registered_at": str}, ("query",)
    ),
    POST_CREATED: EventSpec(
        "posts",
        "post",
        1,
        {"post_id": int, "title": str, "author": _AUTHOR, "created_at": str},
        ("comments", "query"),
    ),
    COMMENT_CREATED: EventSpec(
        "comments",
        "comment",
        1,
        _COMMENT_FIELDS,
        ("moderation", "query"),
    ),
    COMMENT_MODERATED: EventSpec(
        "moderation",
        "comment",
        1,
        {"comment_id": int, "post_id": int, "status": str, "reason": (str, type(None))},
        ("comments",),
    ),
    COMMENT_UPDATED: EventSpec(
        "comments",
        "comment",
        1,
        _COMMENT_FIELDS,
        ("query",),
    ),
}


def subscriptions(service: str) -> tuple[str, ...]:
    """The event types a service consumes."""
    return tuple(name for name, spec in SPECS.items() if service in spec.consumers)


class ContractError(ValueError):
    """An event that does not follow the contract; handling it again cannot help."""


@dataclass(frozen=True)
class Envelope:
    type: str
    aggregate_id: int
    aggregate_version: int
    data: dict
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: timestamp(datetime.now(UTC)))

    @property
    def spec(self) -> EventSpec:
        return SPECS[self.type]

    def to_dict(self) -> dict:
        spec = self.spec
        return {
            "id": self.id,
            "type": self.type,
            "version": spec.version,
            "producer": spec.producer,
            "aggregate": {
                "type": spec.aggregate_type,
                "id": self.aggregate_id,
                "version": self.aggregate_version,
            },
            "occurred_at": self.occurred_at,
            "data": self.data,
        }

    @classmethod
    def from_dict(cls, raw: dict) -> Envelope:
        """The envelope of a received event, or ContractError saying what is wrong."""
        try:
            spec = SPECS[raw["type"]]
            if raw["version"] != spec.version:
                raise ContractError(f"{raw['type']} version {raw['version']} is not known")
            aggregate, data = raw["aggregate"], raw["data"]
            envelope = cls(
                type=raw["type"],
                aggregate_id=aggregate["id"],
                aggregate_version=aggregate["version"],
                data=data,
                id=str(uuid.UUID(raw["id"])),
                occurred_at=raw["occurred_at"],
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ContractError):
                raise
            raise ContractError(f"malformed envelope: {exc!r}") from exc
        for name, kind in spec.fields.items():
            value = data.get(name, ...)
            if value is ... or isinstance(value, bool) or not isinstance(value, kind):
                raise ContractError(f"{raw['type']}.data.{name} is missing or not {kind}")
        return envelope


def user_registered(*, user_id: int, username: str, registered_at: datetime) -> Envelope:
    return Envelope(
        USER_REGISTERED,
        user_id,
        1,
        {"user_id": user_id, "username": username, "registered_at": timestamp(registered_at)},
    )


def post_created(*, post: dict) -> Envelope:
    """From a post's API representation."""
    return Envelope(
        POST_CREATED,
        post["id"],
        1,
        {
            "post_id": post["id"],
            "title": post["title"],
            "author": post["author"],
            "created_at": post["created_at"],
        },
    )


def _comment_data(comment: dict) -> dict:
    return {
        "comment_id": comment["id"],
        "post_id": comment["post_id"],
        "content": comment["content"],
        "status": comment["status"],
        "author": comment["author"],
        "created_at": comment["created_at"],
    }


def comment_created(*, comment: dict) -> Envelope:
    """From a new comment's API representation; the comment is at version 1."""
    return Envelope(COMMENT_CREATED, comment["id"], 1, _comment_data(comment))


def comment_updated(*, comment: dict, version: int) -> Envelope:
    return Envelope(COMMENT_UPDATED, comment["id"], version, _comment_data(comment))


def comment_moderated(
    *, comment_id: int, post_id: int, comment_version: int, status: str, reason: str | None
) -> Envelope:
    return Envelope(
        COMMENT_MODERATED,
        comment_id,
        comment_version,
        {"comment_id": comment_id, "post_id": post_id, "status": status, "reason": reason},
    )
