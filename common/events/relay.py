"""The outbox relay: publishes what a service recorded until the event bus confirms it.

Right after a commit, `outbox.record` hands the event to the bus; that usually works and the
relay has nothing to do but confirm. For each unconfirmed row older than a grace period, the
relay asks the bus's store whether it has the event: if so the row is confirmed, otherwise
it is published again, with a backoff from 5 to 30 seconds, and never given up.
Rows are claimed with SKIP LOCKED, so several relays of one service can run side by side.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.events import bus_client
from common.events.models import OutboxEvent
from common.events.outbox import send_to_bus

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0


def backoff(attempts: int) -> timedelta:
    """5, 10, 20, 30, 30 ... seconds: an event the bus is merely slow to store (a backlog in
    its queue) is published again only a few times, not once per relay pass."""
    return timedelta(seconds=min(MAX_BACKOFF_SECONDS, 2.5 * 2**attempts))


def relay_once(*, grace: timedelta, batch: int = 200) -> tuple[int, int]:
    """One pass; returns (confirmed, published again)."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(
                confirmed_at__isnull=True, next_attempt_at__lte=now, created_at__lte=now - grace
            )
            .order_by("created_at")[:batch]
        )
        if not rows:
            return 0, 0
        try:
            stored = bus_client.stored_ids([str(row.id) for row in rows])
        except bus_client.BusUnavailable as exc:
            logger.warning("event store unreachable, publishing again: %s", exc)
            stored = set()
        confirmed = [row.id for row in rows if str(row.id) in stored]
        OutboxEvent.objects.filter(id__in=confirmed).update(confirmed_at=now)
        pending = [row for row in rows if str(row.id) not in stored]
        for row in pending:
            try:
                send_to_bus(row.envelope)
                row.last_error = ""
            except Exception as exc:  # kept on the row and retried after the backoff
                row.last_error = repr(exc)[:1000]
            row.attempts += 1
            row.next_attempt_at = now + backoff(row.attempts)
        OutboxEvent.objects.bulk_update(pending, ["attempts", "next_attempt_at", "last_error"])
    if pending:
        logger.info("published %d events again, %d confirmed", len(pending), len(confirmed))
    return len(confirmed), len(pending)


def prune_confirmed(*, older_than: timedelta) -> int:
    cutoff = timezone.now() - older_than
    deleted, _ = OutboxEvent.objects.filter(confirmed_at__lt=cutoff).delete()
    return deleted
