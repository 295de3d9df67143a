"""Handling an event exactly once in effect, and parking the ones that cannot be handled.

`apply` writes the event id to the inbox and runs the handler in one transaction: a
redelivered event finds its id and is skipped; a failing handler leaves neither its effect
nor the id behind, so the event can be tried again. `apply_batch` does the same for many
events in one transaction, for catch-up and rebuilds.

The inbox does not keep every id forever (common/events/retention.py): ids at positions up
to the service's retention mark are forgotten, and an event at or below the mark is known
handled by its position instead, since the catch-up cursor only ever passes positions whose
events were all applied or parked (common/events/catchup.py). The insert that records an id
checks the mark in the same statement, so a late copy costs no extra round trip.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
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


class Batched:
    """A handler written for many events at once: `many(envelopes)` applies them in store
    order inside the caller's transaction, and calling the handler with one event runs the
    same logic for one. A service whose handlers are all `Batched` declares by that that each
    touches rows of its own, so a batch may hand each handler its events together."""

    def __init__(self, many: Callable[[list[Envelope]], None]):
        self.many = many
        self.__name__ = many.__name__
        self.__doc__ = many.__doc__

    def __call__(self, envelope: Envelope) -> None:
        self.many([envelope])


def _handler(handlers: Handlers, envelope: Envelope) -> Callable[[Envelope], None]:
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
    handler = _handler(handlers, envelope)
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
    fields = {f.name: f for f in ProcessedEvent._meta.fields}
    prep = {
        name: fields[name].get_db_prep_value(value, connection)
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


def apply_batch(items: list[tuple[dict, int]], handlers: Handlers) -> int:
    """Applies, in one transaction, every event of `items` (wire form and position, in store
    order) that is neither handled nor parked yet; returns how many it applied. Whatever
    goes wrong (a handler fails, another process applies one of them meanwhile, an event
    breaks the contract) rolls the whole batch back and is raised: the caller then applies
    the events one by one, which tells the culprit apart."""
    done = _handled_or_parked_between(items[0][1], items[-1][1])
    mark = retention_mark()
    todo = [
        (event, seq, Envelope.from_dict(event))
        for event, seq in items
        if event["id"] not in done and seq > mark
    ]
    if not todo:
        return 0
    handler_of = {envelope.id: _handler(handlers, envelope) for _, _, envelope in todo}
    with transaction.atomic():
        _record_many([(envelope.id, seq) for _, seq, envelope in todo])
        if all(isinstance(h, Batched) for h in handlers.values()):
            groups: dict[Batched, list[Envelope]] = {}
            for _, _, envelope in todo:
                groups.setdefault(handler_of[envelope.id], []).append(envelope)
            for handler, envelopes in groups.items():
                handler.many(envelopes)
        else:
            for _, _, envelope in todo:
                handler_of[envelope.id](envelope)
    for event, seq, _ in todo:
        # Each event keeps its span in the trace of the change that caused it.
        with tracing.handling(event, seq):
            pass
    service = metrics.service()
    for event_type, count in Counter(envelope.type for _, _, envelope in todo).items():
        metrics.EVENTS_HANDLED.labels(service, event_type).inc(count)
    logger.info("handled %d events in one batch, up to %d", len(todo), todo[-1][1])
    return len(todo)


def handled_or_parked(event_ids: list[str]) -> set[str]:
    """Which of these events this service has applied or parked (two indexed lookups)."""
    done = ProcessedEvent.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    parked = DeadLetter.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    return {str(i) for i in done} | {str(i) for i in parked}


def _record_many(handled: list[tuple[uuid.UUID, int]]) -> None:
    """Writes many ids to the inbox in one statement: IntegrityError if any is there. On
    PostgreSQL the ids and positions go as two arrays, not as a thousand rows of values."""
    if connection.vendor != "postgresql":
        ProcessedEvent.objects.bulk_create(
            [ProcessedEvent(event_id=event_id, seq=seq) for event_id, seq in handled]
        )
        return
    inbox = connection.ops.quote_name(ProcessedEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {inbox} (event_id, seq, processed_at) "
            "SELECT id, seq, now() FROM unnest(%s::uuid[], %s::bigint[]) AS handled(id, seq)",
            [[event_id for event_id, _ in handled], [seq for _, seq in handled]],
        )


def _handled_or_parked_between(first: int, last: int) -> set[str]:
    """Which events at positions first..last this service has applied or parked: by
    position, two range reads of the indexes on `seq`, not a thousand ids sent over. An
    event handled without its position is not found here; its id in the inbox then fails
    the batch's insert, and the events are applied one by one."""
    done = ProcessedEvent.objects.filter(seq__range=(first, last)).values_list("event_id")
    parked = DeadLetter.objects.filter(seq__range=(first, last)).values_list("event_id")
    return {str(i) for (i,) in done.union(parked, all=True)}


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
