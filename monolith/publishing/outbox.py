"""Where the monolith's writes and its backfill record facts, once it publishes them
(`TANDEM_PUBLISH_EVENTS`, step 1 of docs/migration.md).

Every fact gets `fact_id` for its id: a row's facts recorded by its write and again by the
backfill are one event in the outbox (its primary key) and in the store (which keeps an id
once), so the backfill may race the writes and run twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings

from common.events import outbox
from common.events.envelope import Envelope, fact_id
from common.events.models import OutboxEvent
from common.timestamps import timestamp
from monolith.publishing.facts import Fact


def publishing() -> bool:
    return settings.TANDEM_PUBLISH_EVENTS


def record(facts: Iterable[Fact]) -> None:
    """Inside a write's transaction: its facts into the outbox, when the monolith publishes."""
    if not publishing():
        return
    for payload, version in facts:
        outbox.record_fact(payload, version=version)


def record_existing(rows: Iterable[tuple[datetime, list[Fact]]]) -> int:
    """The backfill's facts, each row's at the moment the row was written, into the outbox in
    one statement; a fact already there (its write recorded it, or an earlier run did) is
    skipped. Returns how many were new. The relay delivers them like any other row."""
    events = [
        Envelope(payload, version, id=fact_id(payload, version), occurred_at=timestamp(moment))
        for moment, facts in rows
        for payload, version in facts
    ]
    there = OutboxEvent.objects.filter(id__in=[event.id for event in events]).count()
    OutboxEvent.objects.bulk_create(
        [OutboxEvent(id=event.id, envelope=event.to_dict()) for event in events],
        ignore_conflicts=True,
    )
    return len(events) - there
