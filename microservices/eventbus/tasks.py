"""`eventbus.ingest`: store an event, then route it to every consuming service's queue.

Routing happens after the store has committed, once: an event the store already has (a
relay published it again) is not routed again, so a slow bus is not flooded with copies. If
the process dies between storing and routing, or Redis loses the routed copies, consumers
find the event in the store when they catch up.
"""

import logging

from celery import current_app, shared_task

from common import logs
from common.events.contract import consumers
from common.events.delivery import (
    INGEST_BACKOFF,
    INGEST_TASK,
    SEND_OPTIONS,
    TASK_OPTIONS,
    consumer_task,
    queue_of,
)
from common.events.envelope import ContractError, Envelope
from common.events.inbox import park
from microservices.eventbus.models import StoredEvent
from microservices.eventbus.store import append

logger = logging.getLogger(__name__)


def route(stored: StoredEvent) -> None:
    delivery = {"seq": stored.seq, "event": stored.envelope}
    for service in consumers(stored.type):
        current_app.send_task(
            consumer_task(service), args=[delivery], queue=queue_of(service), **SEND_OPTIONS
        )


@shared_task(name=INGEST_TASK, **TASK_OPTIONS)
def ingest(self, event: dict, stored_seq: int | None = None) -> None:
    """`stored_seq` is set on a retry whose event was stored but not yet routed."""
    with logs.about_event(event, stored_seq):
        _ingest(self, event, stored_seq)


def _ingest(self, event: dict, stored_seq: int | None) -> None:
    try:
        Envelope.from_dict(event)
    except ContractError as exc:
        park(event, None, exc, attempts=1)
        return
    countdown = INGEST_BACKOFF.delay(self.request.retries)
    stored = StoredEvent.objects.get(seq=stored_seq) if stored_seq else None
    try:
        stored = stored or append(event)
    except Exception as exc:
        raise self.retry(exc=exc, countdown=countdown) from exc
    if stored is None:
        return
    logger.info("stored %s at %d", stored.type, stored.seq)
    try:
        route(stored)
    except Exception as exc:
        raise self.retry(
            args=[event], kwargs={"stored_seq": stored.seq}, exc=exc, countdown=countdown
        ) from exc
