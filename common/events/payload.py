"""The base of every event's payload: one typed class per event type and version.

A feature declares the facts it publishes as a subclass (see `common/posts/events.py`); from
that one class follow building an event (`PostCreated.of(post)`), validating one that arrives
(strict types: `"7"` is not a post id, `true` is not a number), its wire form and its JSON
Schema. Why pydantic rather than dataclasses: docs/decisions/0011-typed-event-payloads.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, ClassVar

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from common.timestamps import timestamp


def _text_or_datetime(value):
    """Only an ISO 8601 string (or, when built in Python, a datetime) is a moment: lax parsing
    would take 12345 for a date in 1970."""
    if isinstance(value, str | datetime):
        return value
    raise ValueError("must be an ISO 8601 date-time string")


#: A moment in an event: a time zone is required, and it is written as `common.timestamps` does.
Moment = Annotated[
    AwareDatetime,
    BeforeValidator(_text_or_datetime),
    PlainSerializer(timestamp, return_type=str),
    Field(strict=False),
]


class Facts(BaseModel):
    """A value that travels inside events: strict types, immutable, unknown fields ignored (a
    newer producer may add one without breaking an older consumer)."""

    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")


class Payload(Facts):
    """The data of one event type at one version. Subclasses set the four names below."""

    #: The event's type on the wire: past tense, never derived from the class name.
    TYPE: ClassVar[str]
    #: The major version; a consumer refuses one it does not know.
    VERSION: ClassVar[int]
    #: The service (or feature) that owns the fact and alone publishes it.
    PRODUCER: ClassVar[str]
    #: The kind of thing the event is about; the envelope carries its id and version.
    AGGREGATE: ClassVar[str]

    @property
    def aggregate_id(self) -> int:
        raise NotImplementedError
