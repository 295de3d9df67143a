"""Writing events to the outbox, and handing them to the bus.

`record` must run inside the transaction that makes the change: the row and the event
commit together or not at all. Once that transaction commits, the event is handed to the bus
at once (a latency shortcut that may fail); the relay (`relay.py`) makes sure it arrives.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.db import transaction

from common.events.delivery import BUS_QUEUE, INGEST_TASK
from common.events.envelope import Envelope
from common.events.models import OutboxEvent
from common.events.payload import Payload

logger = logging.getLogger(__name__)


def record(payload: Payload, *, version: int = 1) -> Envelope:
    """Records a new event of `payload` about its aggregate at `version`; returns it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record() must run inside the transaction of the change")
    envelope = Envelope.of(payload, version=version)
    event = envelope.to_dict()
    OutboxEvent.objects.create(id=envelope.id, envelope=event)
    transaction.on_commit(lambda: send_to_bus(event, quiet=True))
    return envelope


def send_to_bus(event: dict, *, quiet: bool = False) -> bool:
    """Publishes one event to the bus's queue once, without retrying; True if Redis took it."""
    try:
        current_app.send_task(INGEST_TASK, args=[event], queue=BUS_QUEUE, retry=False)
    except Exception as exc:  # Redis down or unreachable: the relay will try again
        if not quiet:
            raise
        logger.warning("event %s not handed to the bus yet: %s", event["id"], exc)
        return False
    return True
