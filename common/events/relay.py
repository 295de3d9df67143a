"""The outbox relay: publishes what a service recorded until the event bus confirms it.

Right after a commit, `outbox.record` hands the event to the bus; that usually works and the
relay has nothing to do but confirm. For each unconfirmed row older than a grace period, the
relay asks the bus's store whether it has the event: if so the row is confirmed, otherwise
it is published again after `RELAY_BACKOFF` (5, 15, then every 30 seconds), and never
given up: an event the bus is merely slow to store (a backlog in its queue) is published
again only a few times, not once per relay pass.
Rows to publish again are claimed with SKIP LOCKED, so several relays of one service can
run side by side.

While the store cannot answer, nothing is published again: the bus is down or cut off, so
a copy could only wait in Redis beside the one the hand-off already put there. The rows stay
due and are looked at again once the store answers, so an outage of any length adds no
copies.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.events import bus_client
from common.events.delivery import RELAY_BACKOFF
from common.events.models import OutboxEvent
from common.events.outbox import send_to_bus

logger = logging.getLogger(__name__)


def relay_once(*, grace: timedelta, batch: int = 200) -> tuple[int, int]:
    """One pass; returns (confirmed, published again), or BusUnavailable if the store
    cannot say which events it has.

    The store is asked outside any transaction, so a slow bus never holds a lock that the
    service's own writes need (on SQLite, a write transaction locks the whole database).
    """
    now = timezone.now()
    due = list(
        OutboxEvent.objects.filter(
            confirmed_at__isnull=True, next_attempt_at__lte=now, created_at__lte=now - grace
        )
        .order_by("created_at")
        .values_list("id", flat=True)[:batch]
    )
    if not due:
        return 0, 0
    stored = bus_client.stored_ids([str(event_id) for event_id in due])  # BusUnavailable: wait
    confirmed = [event_id for event_id in due if str(event_id) in stored]
    OutboxEvent.objects.filter(id__in=confirmed).update(confirmed_at=now)
    with transaction.atomic():
        pending = list(
            OutboxEvent.objects.select_for_update(skip_locked=True).filter(
                id__in=[event_id for event_id in due if str(event_id) not in stored],
                confirmed_at__isnull=True,
                next_attempt_at__lte=now,
            )
        )
        failure = ""
        for row in pending:
            if not failure:  # after one failed send, the others wait for their backoff
                try:
                    send_to_bus(row.envelope)
                except Exception as exc:  # kept on the row and retried after the backoff
                    failure = repr(exc)[:1000]
            row.last_error = failure
            row.attempts += 1
            row.next_attempt_at = now + timedelta(seconds=RELAY_BACKOFF.delay(row.attempts - 1))
        OutboxEvent.objects.bulk_update(pending, ["attempts", "next_attempt_at", "last_error"])
    if pending:
        logger.info("published %d events again, %d confirmed", len(pending), len(confirmed))
    return len(confirmed), len(pending)


def prune_confirmed(*, older_than: timedelta) -> int:
    cutoff = timezone.now() - older_than
    deleted, _ = OutboxEvent.objects.filter(confirmed_at__lt=cutoff).delete()
    return deleted
