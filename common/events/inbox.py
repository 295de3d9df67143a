"""Handling an event exactly once in effect, and parking the ones that cannot be handled.

`apply` writes the event id to the inbox and runs the handler in one transaction: a
redelivered event finds its id and is skipped; a failing handler leaves neither its effect
nor the id behind, so the event can be tried again. `common/events/batches.py` does the
same for many events in one transaction, for catch-up and rebuilds.

The inbox does not keep every id forever (common/events/retention.py): ids at positions up
to the service's retention mark are forgotten, and an event at or below the mark is known
handled by its position instead, since the catch-up cursor only ever passes positions whose
events were all applied or parked (common/events/catchup.py). The insert that records an id
checks the mark in the same statement, so a late copy costs no extra round trip.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from common import logs, metrics, tracing
from common.events.envelope import ContractError, Envelope
from common.events.models import RETENTION_MARK, CatchUpCursor, DeadLetter, ProcessedEvent
from common.events.payload import Payload

logger = logging.getLogger(__name__)

#: A service's handlers: payload class -> the function that applies an event of that type.
Handlers = Mapping[type[Payload], Callable[[Envelope], None]]


class AlreadyHandled(Exception):
    """The event's position is at or below the retention mark: handled before, id forgotten."""


def handler_for(handlers: Handlers, envelope: Envelope) -> Callable[[Envelope], None]:
    handler = handlers.get(type(envelope.payload))
    if handler is None:
        raise ContractError(f"this service does not handle {envelope.type}")
    return handler


def apply(
    event: dict,
    seq: int | None,
    handlers: Handlers,
    *,
    was_parked: bool = False,
    redriven: bool = False,
) -> bool:
    """Runs the handler for `event` once; False if it had already been handled. A redriven
    event skips the retention mark: a parked event is below it without having been handled."""
    envelope = Envelope.from_dict(event)
    handler = handler_for(handlers, envelope)
    with logs.about_event(event, seq):
        try:
            with tracing.handling(event, seq), transaction.atomic():
                _record(envelope.id, seq, guarded=not redriven)
                handler(envelope)
                if was_parked or redriven:
                    DeadLetter.objects.filter(event_id=envelope.id).delete()
        except AlreadyHandled:
            return False
        except Exception as exc:
            duplicate = isinstance(exc, IntegrityError) and (
                ProcessedEvent.objects.filter(event_id=envelope.id).exists()
            )
            if duplicate:
                return False
            metrics.EVENTS_FAILED.labels(metrics.service(), envelope.type).inc()
            raise
        metrics.EVENTS_HANDLED.labels(metrics.service(), envelope.type).inc()
        logger.info("handled %s", envelope.type)
    return True


def _record(event_id: uuid.UUID, seq: int | None, *, guarded: bool) -> None:
    """Writes the id to the inbox: IntegrityError if it is there, AlreadyHandled if its
    position is at or below the retention mark (one INSERT ... SELECT ... WHERE NOT EXISTS)."""
    if seq is None or not guarded:
        ProcessedEvent.objects.create(event_id=event_id, seq=seq)
        return
    prep = {
        name: ProcessedEvent._meta.get_field(name).get_db_prep_value(value, connection)
        for name, value in (("event_id", event_id), ("processed_at", timezone.now()))
    }
    inbox = connection.ops.quote_name(ProcessedEvent._meta.db_table)
    cursors = connection.ops.quote_name(CatchUpCursor._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {inbox} (event_id, seq, processed_at) SELECT %s, %s, %s "
            f"WHERE NOT EXISTS (SELECT 1 FROM {cursors} WHERE name = %s AND position >= %s)",
            [prep["event_id"], seq, prep["processed_at"], RETENTION_MARK, seq],
        )
        if cursor.rowcount == 0:
            raise AlreadyHandled(event_id)


def handled_or_parked(event_ids: list[str]) -> set[str]:
    """Which of these events this service has applied or parked (two indexed lookups)."""
    done = ProcessedEvent.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    parked = DeadLetter.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    return {str(i) for i in done} | {str(i) for i in parked}


def retention_mark() -> int:
    """The position up to which this service's inbox may have forgotten ids (0: none)."""
    return (
        CatchUpCursor.objects.filter(name=RETENTION_MARK).values_list("position", flat=True).first()
        or 0
    )


def _event_uuid(event: dict) -> uuid.UUID:
    try:
        return uuid.UUID(str(event.get("id")))
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, repr(event))


def park(event: dict, seq: int | None, error: BaseException, *, attempts: int) -> None:
    with logs.about_event(event, seq):
        logger.error("event %s parked after %d attempts: %r", event.get("id"), attempts, error)
    metrics.EVENTS_PARKED.labels(metrics.service(), str(event.get("type", "?"))[:64]).inc()
    DeadLetter.objects.update_or_create(
        event_id=_event_uuid(event),
        defaults={
            "seq": seq,
            "event_type": str(event.get("type", "?"))[:64],
            "envelope": event,
            "error": repr(error)[:4000],
            "attempts": attempts,
            "parked_at": timezone.now(),
        },
    )


def redrive(dead_letter: DeadLetter, handlers: Handlers) -> bool:
    """Tries a parked event again: True if it is now handled (or was already)."""
    try:
        apply(dead_letter.envelope, dead_letter.seq, handlers, redriven=True)
    except Exception as exc:
        dead_letter.attempts += 1
        dead_letter.error = repr(exc)[:4000]
        dead_letter.parked_at = timezone.now()
        dead_letter.save(update_fields=["attempts", "error", "parked_at"])
        return False
    DeadLetter.objects.filter(pk=dead_letter.pk).delete()
    return True
