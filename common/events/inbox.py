"""Handling an event exactly once in effect, and parking the ones that cannot be handled.

`apply` writes the event id to the inbox and runs the handler in one transaction: a
redelivered event finds its id and is skipped; a failing handler leaves neither its effect
nor the id behind, so the event can be tried again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from common import logs, metrics, tracing
from common.events.envelope import ContractError, Envelope
from common.events.models import DeadLetter, ProcessedEvent
from common.events.payload import Payload

logger = logging.getLogger(__name__)

#: A service's handlers: payload class -> the function that applies an event of that type.
Handlers = Mapping[type[Payload], Callable[[Envelope], None]]


def apply(event: dict, seq: int | None, handlers: Handlers, *, was_parked: bool = False) -> bool:
    """Runs the handler for `event` once; False if it had already been handled."""
    envelope = Envelope.from_dict(event)
    handler = handlers.get(type(envelope.payload))
    if handler is None:
        raise ContractError(f"this service does not handle {envelope.type}")
    with logs.about_event(event, seq):
        try:
            with tracing.handling(event, seq), transaction.atomic():
                ProcessedEvent.objects.create(event_id=envelope.id, seq=seq)
                handler(envelope)
                if was_parked:
                    DeadLetter.objects.filter(event_id=envelope.id).delete()
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
        apply(dead_letter.envelope, dead_letter.seq, handlers, was_parked=True)
    except Exception as exc:
        dead_letter.attempts += 1
        dead_letter.error = repr(exc)[:4000]
        dead_letter.parked_at = timezone.now()
        dead_letter.save(update_fields=["attempts", "error", "parked_at"])
        return False
    DeadLetter.objects.filter(pk=dead_letter.pk).delete()
    return True
