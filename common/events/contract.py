"""The event contract: every event type Tandem publishes, and which services consume it.

Each type is one payload class in the feature that owns the fact (its fields, version,
producer and aggregate); this module only lists them, in order, with their consumers. The
bus routes each stored event by this list, a unit test holds it to the handlers each service
declares, and docs/events.md describes the same for people (a test holds that too).
"""

from __future__ import annotations

import json

from common.comments.events import CommentCreated, CommentUpdated
from common.events.payload import Payload
from common.moderation.events import CommentModerated
from common.posts.events import PostCreated
from common.users.events import UserRegistered

#: Each event type -> the services that consume it.
ROUTES: dict[type[Payload], tuple[str, ...]] = {
    UserRegistered: ("query",),
    PostCreated: ("comments", "query"),
    CommentCreated: ("moderation", "query"),
    CommentModerated: ("comments",),
    CommentUpdated: ("query",),
}

#: The payload class of each type name on the wire.
TYPES: dict[str, type[Payload]] = {payload.TYPE: payload for payload in ROUTES}


def consumers(type_name: str) -> tuple[str, ...]:
    return ROUTES[TYPES[type_name]]


def subscriptions(service: str) -> tuple[str, ...]:
    """The event types a service consumes."""
    return tuple(payload.TYPE for payload, services in ROUTES.items() if service in services)


def json_schema() -> dict:
    """Every event type's data as JSON Schema, with its version, producer and consumers:
    `python -m common.events.contract` writes it, for tools and for other languages."""
    return {
        payload.TYPE: {
            "version": payload.VERSION,
            "producer": payload.PRODUCER,
            "aggregate": payload.AGGREGATE,
            "consumers": list(services),
            "data": payload.model_json_schema(),
        }
        for payload, services in ROUTES.items()
    }


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=1))
