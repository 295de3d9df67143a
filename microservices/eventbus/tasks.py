"""`eventbus.ingest`: store an event, then route it to every consuming service's queue.

Routing happens after the store has committed, and again on every redelivery: a copy that
Redis lost is sent again, a copy sent twice is absorbed by the consumer's inbox.
"""

import logging

from celery import current_app, shared_task

from common.events.contract import SPECS, ContractError, Envelope
from common.events.inbox import park
from microservices.eventbus.models import StoredEvent
from microservices.eventbus.store import append

logger = logging.getLogger(__name__)


def route(stored: StoredEvent) -> None:
    delivery = {"seq": stored.seq, "event": stored.envelope}
    for service in SPECS[stored.type].consumers:
        current_app.send_task(f"{service}.handle_event", args=[delivery], queue=service)


@shared_task(
    name="eventbus.ingest",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=None,
)
def ingest(self, event: dict) -> None:
    try:
        Envelope.from_dict(event)
    except ContractError as exc:
        park(event, None, exc, attempts=1)
        return
    try:
        route(append(event))
    except Exception as exc:
        raise self.retry(exc=exc, countdown=min(5.0, 0.2 * 2**self.request.retries)) from exc
