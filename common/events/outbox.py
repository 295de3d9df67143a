"""Writing events to the outbox, and handing them to the bus.

`record` must run inside the transaction that makes the change: the row and the event
commit together or not at all. Once that transaction commits, the event is handed to the bus
at once (a latency shortcut that may fail); the relay (`relay.py`) makes sure it arrives.

The hand-off waits on Redis for `TANDEM_BROKER_TIMEOUT_SECONDS` at most, and once it has
failed, a process skips it for `HANDOFF_PAUSE_SECONDS` (then tries one): while Redis does
not answer, writes are answered at their usual speed and the relay delivers their events.
"""

from __future__ import annotations

import logging

import pybreaker
from celery import current_app
from django.db import transaction

from common.events.delivery import BUS_QUEUE, INGEST_TASK, SEND_OPTIONS
from common.events.envelope import Envelope, fact_id
from common.events.models import OutboxEvent
from common.events.payload import Payload

logger = logging.getLogger(__name__)

HANDOFF_PAUSE_SECONDS = 5
_handoff = pybreaker.CircuitBreaker(
    fail_max=1, reset_timeout=HANDOFF_PAUSE_SECONDS, throw_new_error_on_trip=False
)


def record(payload: Payload, *, version: int = 1, id: str | None = None) -> Envelope:  # noqa: A002
    """Records a new event of `payload` about its aggregate at `version` (with its own id, or
    the one given); returns it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record() must run inside the transaction of the change")
    envelope = Envelope.of(payload, version=version, id=id)
    event = envelope.to_dict()
    OutboxEvent.objects.create(id=envelope.id, envelope=event)
    transaction.on_commit(lambda: hand_off(event))
    return envelope


def record_fact(payload: Payload, *, version: int = 1) -> Envelope:
    """Records a change of a row this process owns, with the fact's own id (`fact_id`): the
    same row at the same version gives the same event wherever it is recorded. While a row's
    feature moves from the monolith to its service (docs/migration.md), both may record a
    fact of it (a verdict applied by each, a backfill beside a write); the store keeps one."""
    return record(payload, version=version, id=fact_id(payload, version))


def hand_off(event: dict) -> None:
    """The shortcut after a commit: one try, unless the last one failed a moment ago."""
    try:
        _handoff.call(send_to_bus, event)
    except pybreaker.CircuitBreakerError:
        pass  # Redis failed a moment ago; the relay publishes this one
    except Exception as exc:  # Redis down or unreachable: the relay will try again
        logger.warning("event %s not handed to the bus yet: %s", event["id"], exc)


def send_to_bus(event: dict) -> None:
    """Publishes one event to the bus's queue once, without retrying; raises if Redis did
    not take it."""
    current_app.send_task(INGEST_TASK, args=[event], queue=BUS_QUEUE, retry=False, **SEND_OPTIONS)
