"""Retention: what a service's delivery tables stop keeping, so they do not grow with every
event the service ever handled or published.

- **Outbox**: a row the bus has confirmed storing is deleted a day after confirmation. The
  store holds the event from then on; the day keeps recent rows at hand for an operator.
- **Inbox**: a handled id is forgotten once its position is at or below the retention
  mark. The mark trails the catch-up cursor, which only passes positions whose events were
  all applied or parked (the store's tally equals the inbox's count, common/events/
  catchup.py). A copy can still arrive after that (a message that waited in a stopped
  worker's queue, Redis handing back an unacknowledged one), but it carries its position,
  and `inbox.apply` refuses any event at or below the mark in the very statement that would
  record its id. So forgetting an id never lets its event apply twice.
- The mark is raised on one pass and ids are deleted up to it on a later one, so by the
  time an id is gone every process has long been able to see the mark that covers it.
- **The event store** keeps everything: it is the log every read model is rebuilt from.
- **Dead letters** stay until redriven: they are few, and each is an operator's to-do.

Deletes go in chunks of `CHUNK` rows, at most `BUDGET` rows a pass, so no pass holds a lock
or the relay's loop for long (a loop that does not turn for 30 s fails its liveness check);
a pass that used its whole budget asks for the next one at once (`prune` says so).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from common.events.models import RETENTION_MARK, CatchUpCursor, OutboxEvent, ProcessedEvent

logger = logging.getLogger(__name__)

OUTBOX_KEEP = timedelta(days=1)
CHUNK = 5000
BUDGET = 50_000


def prune(*, outbox_keep: timedelta = OUTBOX_KEEP) -> bool:
    """One retention pass; True if it left rows to delete for the next one."""
    outbox = prune_confirmed(older_than=outbox_keep)
    inbox = prune_inbox()
    if outbox or inbox:
        logger.info("retention: %d outbox rows and %d inbox ids deleted", outbox, inbox)
    return BUDGET in (outbox, inbox)


def prune_confirmed(*, older_than: timedelta) -> int:
    cutoff = timezone.now() - older_than
    rows = OutboxEvent.objects.filter(confirmed_at__lt=cutoff)
    return _delete_in_chunks(rows, key="confirmed_at")


def prune_inbox() -> int:
    """Forgets ids up to the mark a previous pass set, then raises the mark to the catch-up
    cursor for the next pass. A service that consumes nothing has no cursor and no inbox."""
    mark, _ = CatchUpCursor.objects.get_or_create(name=RETENTION_MARK)
    forgotten = _delete_in_chunks(ProcessedEvent.objects.filter(seq__lte=mark.position), key="seq")
    if forgotten == BUDGET:
        return forgotten  # the mark moves once everything under it is gone
    cursor = CatchUpCursor.objects.filter(name="bus").values_list("position", flat=True).first()
    if cursor is not None and cursor > mark.position:
        CatchUpCursor.objects.filter(name=RETENTION_MARK, position__lt=cursor).update(
            position=cursor
        )
    return forgotten


def _delete_in_chunks(rows, *, key: str) -> int:
    """Deletes `rows` oldest first, up to `BUDGET` of them; how many it deleted."""
    deleted = 0
    while deleted < BUDGET:
        with transaction.atomic():
            chunk = list(
                rows.order_by(key).values_list("pk", flat=True)[: min(CHUNK, BUDGET - deleted)]
            )
            if not chunk:
                return deleted
            count, _ = rows.model.objects.filter(pk__in=chunk).delete()
        deleted += count
    return deleted
