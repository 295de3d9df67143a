"""The event contract: every event type Tandem publishes, and which services consume it.

Each type is one payload class in the feature that owns the fact (its fields, version,
producer and aggregate); this module only lists them, in order, with their consumers. The
bus routes each stored event by this list, a unit test holds it to the handlers each service
declares, and docs/events.md describes the same for people (a test holds that too).
"""

from __future__ import annotations

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


def envelope_schema(payload: type[Payload]) -> dict:
    """The JSON Schema of one event type at its version: the envelope, with its data."""
    data = payload.model_json_schema(ref_template="#/$defs/{model}")
    definitions = data.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{payload.TYPE}.v{payload.VERSION}.json",
        "title": f"{payload.TYPE} v{payload.VERSION}",
        "description": (payload.__doc__ or "").strip(),
        "type": "object",
        "required": ["id", "type", "version", "producer", "aggregate", "occurred_at", "data"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "type": {"const": payload.TYPE},
            "version": {"const": payload.VERSION},
            "producer": {"const": payload.PRODUCER},
            "aggregate": {
                "type": "object",
                "required": ["type", "id", "version"],
                "properties": {
                    "type": {"const": payload.AGGREGATE},
                    "id": {"type": "integer"},
                    "version": {"type": "integer", "minimum": 1},
                },
            },
            "occurred_at": {"type": "string", "format": "date-time"},
            "data": data,
            "traceparent": {
                "description": "W3C trace context of the change that caused the event",
                "type": "string",
                "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
            },
        },
        "$defs": definitions,
    }
