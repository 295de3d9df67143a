"""The outbox relay: publishes what a service recorded until the event bus confirms it.

Right after a commit, `outbox.record` hands the event to the bus; that usually works and the
relay has nothing to do but confirm. For each unconfirmed row older than a grace period, the
relay asks the bus's store whether it has the event: if so the row is confirmed, otherwise
it is published again after `RELAY_BACKOFF` (5, 15, then every 30 seconds), and never
given up. While messages wait in the bus's queue, nothing is published again: the bus is
behind, and the hand-off's copy is most likely among them; once the queue is empty, a row
the store still lacks was lost on the way (Redis restarted, say) and goes again. So a bus
that is merely slow is not handed copies that would slow it further; and since a busy
site's bus queue may never be empty, a row `BEHIND_PATIENCE` old goes again regardless, so
a lost event waits that long at most; but only once while the bus stays behind (until the
row is `BEHIND_LIMIT` old), so a slow bus is never fed a copy of each row at every backoff.
A row held back is looked at again `BEHIND_PATIENCE` later, so the rows after it are
confirmed meanwhile.
Rows to publish again are claimed with SKIP LOCKED, so several relays of one service can
run side by side.

While the store cannot answer, nothing is published again: the bus is down or cut off, so
a copy could only wait in Redis beside the one the hand-off already put there. The rows stay
due and are looked at again once the store answers, so an outage of any length adds no
copies. Likewise when Redis refuses a publish: the pass stops there, the rows not sent keep
their turn without being charged an attempt, and the relay command waits on Redis's state
(`BROKER_BACKOFF`) before it tries one again; so once Redis answers, every row goes at
once instead of after its own backoff.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common import logs, metrics, tracing
from common.events import broker, bus_client
from common.events.delivery import BUS_QUEUE, RELAY_BACKOFF
from common.events.models import OutboxEvent
from common.events.outbox import send_to_bus

logger = logging.getLogger(__name__)


#: How long a row waits for a bus that is behind before it is published again anyway.
BEHIND_PATIENCE = timedelta(seconds=10)
#: While the bus stays behind, a row goes again once only, until it is this old: each more
#: copy would put the bus further behind, and copies fed on that (a retry storm).
BEHIND_LIMIT = timedelta(minutes=5)


class BrokerUnavailable(Exception):
    """Redis did not take a publish: the rows not sent keep their turn, uncharged."""


def relay_once(*, grace: timedelta, batch: int = 200) -> tuple[int, int]:
    """One pass; returns (confirmed, published again). BusUnavailable if the store cannot say
    which events it has, BrokerUnavailable if Redis refused a publish.

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
    if len(confirmed) == len(due):
        return len(confirmed), 0
    missing = OutboxEvent.objects.filter(
        id__in=[event_id for event_id in due if str(event_id) not in stored],
        confirmed_at__isnull=True,
        next_attempt_at__lte=now,
    )
    if _bus_behind():
        goes_again = Q(created_at__lte=now - BEHIND_PATIENCE) & (
            Q(attempts=0) | Q(created_at__lte=now - BEHIND_LIMIT)
        )
        # Left due, the rows held back would come first in every pass: once a whole batch of
        # them is held back, no newer row would be confirmed.
        missing.exclude(goes_again).update(next_attempt_at=now + BEHIND_PATIENCE)
        missing = missing.filter(goes_again)
    with transaction.atomic():
        pending = list(missing.select_for_update(skip_locked=True).order_by("created_at"))
        sent, refused = _publish(pending)
        for row in sent:
            row.attempts += 1
            row.last_error = ""
            row.next_attempt_at = now + timedelta(seconds=RELAY_BACKOFF.delay(row.attempts - 1))
        changed = sent
        if refused is not None:
            pending[len(sent)].last_error = repr(refused)[:1000]
            changed = pending[: len(sent) + 1]
        OutboxEvent.objects.bulk_update(changed, ["attempts", "next_attempt_at", "last_error"])
    if sent:
        metrics.OUTBOX_PUBLISHED_AGAIN.labels(metrics.service()).inc(len(sent))
        logger.info("published %d events again, %d confirmed", len(sent), len(confirmed))
    if refused is not None:
        raise BrokerUnavailable(repr(refused)) from refused
    return len(confirmed), len(sent)


def _bus_behind() -> bool:
    try:
        return broker.waiting(BUS_QUEUE) > 0
    except Exception as exc:  # Redis down or not answering: nothing could be published
        raise BrokerUnavailable(repr(exc)) from exc


def _publish(rows: list[OutboxEvent]) -> tuple[list[OutboxEvent], Exception | None]:
    """Publishes the rows in order until Redis refuses one: (those it took, the refusal)."""
    for index, row in enumerate(rows):
        try:
            with logs.about_event(row.envelope), tracing.relayed(row.envelope):
                send_to_bus(row.envelope)
        except Exception as exc:  # Redis down, unreachable or not answering
            return rows[:index], exc
    return rows, None
