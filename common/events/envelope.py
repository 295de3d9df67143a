"""An event as it travels: a payload (`common.events.payload`) inside an envelope that says
which event it is, about what, at which version, and when.

    {"id": "<uuid>", "type": "PostCreated", "version": 1, "producer": "posts",
     "aggregate": {"type": "post", "id": 7, "version": 1},
     "occurred_at": "2026-01-01T00:00:00.000000Z", "data": {...the payload...},
     "traceparent": "00-<trace id>-<span id>-01"}

`traceparent` (W3C trace context) names the span whose change caused the event, when traces
are on (`common.tracing`); it is optional, and one that is malformed is ignored, never parked.

A consumer refuses a type or version it does not know, and any payload that breaks its
class's types, with ContractError: handling such an event again cannot help, so it is parked
at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from pydantic import ValidationError

from common import tracing
from common.events.contract import TYPES
from common.events.payload import Payload
from common.timestamps import timestamp

#: The namespace of `fact_id`'s UUIDs.
FACTS = uuid.UUID("6f1c5f0e-3d2a-5b7e-9a41-0c8d2e7b4a10")


def fact_id(payload: Payload, version: int) -> str:
    """The one id of one fact: the same type, aggregate and version always give the same id,
    so the store keeps a fact recorded twice (by a write and by the backfill that publishes
    existing rows, docs/migration.md) once."""
    return str(uuid.uuid5(FACTS, f"{payload.TYPE}/{payload.aggregate_id}/{version}"))


class ContractError(ValueError):
    """An event that does not follow the contract; handling it again cannot help."""


@dataclass(frozen=True)
class Envelope:
    payload: Payload
    aggregate_version: int
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: timestamp(datetime.now(UTC)))
    traceparent: str | None = None

    @classmethod
    def of(cls, payload: Payload, *, version: int = 1, id: str | None = None) -> Envelope:  # noqa: A002
        """A new event about the payload's aggregate at `version`, caused by the current
        span; with its own id, or the one given (`fact_id`)."""
        made = cls(payload, version, traceparent=tracing.traceparent())
        return made if id is None else replace(made, id=id)

    @property
    def type(self) -> str:
        return self.payload.TYPE

    @property
    def aggregate_id(self) -> int:
        return self.payload.aggregate_id

    def to_dict(self) -> dict:
        payload = self.payload
        cause = {"traceparent": self.traceparent} if self.traceparent else {}
        return {
            "id": self.id,
            "type": payload.TYPE,
            "version": payload.VERSION,
            "producer": payload.PRODUCER,
            "aggregate": {
                "type": payload.AGGREGATE,
                "id": self.aggregate_id,
                "version": self.aggregate_version,
            },
            "occurred_at": self.occurred_at,
            "data": payload.model_dump(mode="json"),
            **cause,
        }

    @classmethod
    def from_dict(cls, raw: dict) -> Envelope:
        """The envelope of a received event, or ContractError saying what is wrong."""
        try:
            payload_class = TYPES[raw["type"]]
            if raw["version"] != payload_class.VERSION:
                raise ContractError(f"{raw['type']} version {raw['version']} is not known")
            aggregate = raw["aggregate"]
            version = aggregate["version"]
            if not isinstance(aggregate["id"], int) or not isinstance(version, int):
                raise ContractError("the aggregate's id and version must be integers")
            return cls(
                payload=payload_class.model_validate(raw["data"]),
                aggregate_version=version,
                id=str(uuid.UUID(raw["id"])),
                occurred_at=raw["occurred_at"],
                traceparent=_traceparent(raw.get("traceparent")),
            )
        except ContractError:
            raise
        except ValidationError as exc:
            raise ContractError(f"{raw['type']}.data breaks the contract: {exc}") from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ContractError(f"malformed envelope: {exc!r}") from exc


def _traceparent(value) -> str | None:
    return value if isinstance(value, str) and tracing.TRACEPARENT.match(value) else None
