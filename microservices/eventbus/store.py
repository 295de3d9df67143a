"""Appending to the store and reading it back.

Appends are serialised (a table lock on PostgreSQL; SQLite has one writer anyway), so a
sequence number is never committed after a higher one: a reader that asks for everything
after position N can never miss an event that commits late.
"""

import heapq
from datetime import timedelta
from itertools import islice

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from common import metrics
from common.events.models import DeadLetter
from microservices.eventbus.models import StoredEvent


def append(event: dict) -> StoredEvent | None:
    """Stores the event once; None if the store already had it.

    A copy is looked for before the table lock: while the bus is behind, relays publish again
    what they have not seen confirmed (common/events/relay.py), and each copy used to take
    the lock that every append waits for, and a sequence number, only to be refused by the
    unique event id. A copy now costs one read of that index; two copies that both find
    nothing still meet the unique id under the lock."""
    if StoredEvent.objects.filter(event_id=event["id"]).exists():
        return None
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"LOCK TABLE {StoredEvent._meta.db_table} IN EXCLUSIVE MODE")
            stored = StoredEvent.objects.create(
                event_id=event["id"], type=event["type"], envelope=event
            )
    except IntegrityError:  # stored by another worker a moment ago
        return None
    metrics.EVENTS_STORED.labels(stored.type).inc()
    return stored


def read_after(
    position: int, *, types: list[str] | None, limit: int, settled_seconds: float | None
) -> list[StoredEvent]:
    """Events after `position` in store order; with `settled_seconds`, only the unbroken run
    of them stored at least that long ago (so a reader's cursor never passes an event that
    is not settled yet, even if the clock stepped back)."""
    if types:
        events = _merged_by_type(position, sorted(set(types)), limit)
    else:
        events = list(StoredEvent.objects.filter(seq__gt=position).order_by("seq")[:limit])
    if settled_seconds:
        cutoff = timezone.now() - timedelta(seconds=settled_seconds)
        settled = next((n for n, e in enumerate(events) if e.stored_at > cutoff), len(events))
        events = events[:settled]
    return events


def _merged_by_type(position: int, types: list[str], limit: int) -> list[StoredEvent]:
    """The first `limit` events of these types after `position`. The positions come first:
    one range scan of the (type, seq) index per type, each stopped after `limit` entries,
    merged to find where the `limit`-th event lies; then the events up to there, in one
    read of that range. Asked in one query, PostgreSQL would gather every matching row
    after the position and sort them: for a consumer replaying a million events from 0,
    all of them, at every batch."""
    runs = [
        StoredEvent.objects.filter(type=t, seq__gt=position)
        .order_by("seq")
        .values_list("seq", flat=True)[:limit]
        for t in types
    ]
    positions = list(islice(heapq.merge(*runs), limit))
    if not positions:
        return []
    events = StoredEvent.objects.filter(seq__gt=position, seq__lte=positions[-1], type__in=types)
    return list(events.order_by("seq"))


def tally(
    position: int, *, types: list[str] | None, settled_seconds: float | None
) -> tuple[int, int]:
    """The run `read_after` would return with no limit, summed up: its last position (or
    `position` when it is empty) and how many events it holds. Two aggregate queries on
    the (type, seq) index, whatever the run's length: a consumer that has handled them all
    moves its cursor without reading them (common/events/catchup.py)."""
    events = StoredEvent.objects.filter(seq__gt=position)
    if types:
        events = events.filter(type__in=types)
    if settled_seconds:
        cutoff = timezone.now() - timedelta(seconds=settled_seconds)
        unsettled = events.filter(stored_at__gt=cutoff).aggregate(first=Min("seq"))["first"]
        if unsettled is not None:
            events = events.filter(seq__lt=unsettled)
    run = events.aggregate(upto=Max("seq"), count=Count("seq"))
    return run["upto"] or position, run["count"]


def head(types: list[str] | None) -> int:
    """The highest position stored (of these types): one step down an index per type."""
    if not types:
        return StoredEvent.objects.aggregate(seq=Max("seq"))["seq"] or 0
    newest = [
        StoredEvent.objects.filter(type=t).order_by("-seq").values_list("seq", flat=True).first()
        for t in types
    ]
    return max((seq for seq in newest if seq is not None), default=0)


def stored_ids(event_ids: list[str]) -> list[str]:
    """Which of these events the bus is done with: stored, or parked for breaking the
    contract (publishing those again cannot help)."""
    found = set(
        StoredEvent.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    )
    found |= set(
        DeadLetter.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    )
    return [str(event_id) for event_id in found]
