"""Catch-up: reads the event store for what this service should have received and did not.

A service that was stopped, a queue that Redis lost, or a read model rebuilt from nothing
all heal the same way: events after the service's cursor, of the types it consumes, are
applied through the inbox (so anything already handled is skipped). Only events stored more
than `settled_seconds` ago are read while the service runs, so live delivery goes first.

Events are applied a batch at a time, in one transaction per batch (common/events/batches.py), so
a read model rebuilt from a million events costs a few thousand transactions, not a million;
a batch that fails is applied again one event at a time, to park only the event at fault.

Most passes find that live delivery handled everything: the store's tally of the settled
events after the cursor (how many, up to where) equals the inbox's and dead letters' count
of the same positions, and the cursor moves there without reading one event. Only a
mismatch (something was missed, or handled without its position) reads the events.
"""

from __future__ import annotations

import logging

from django.conf import settings

from common.events import bus_client
from common.events.batches import apply_batch
from common.events.inbox import Handlers, apply, handled_or_parked, park
from common.events.models import CatchUpCursor, DeadLetter, ProcessedEvent
from common.postgres.turns import my_turn

logger = logging.getLogger(__name__)

#: Any constant: it names the advisory lock only catch-up takes (common/postgres/turns.py).
CATCH_UP_LOCK = 7_215_302


class CatchUp:
    """Keeps, across passes, how often each event has failed, to park it after a few."""

    def __init__(self, handlers: Handlers, *, batch: int = 1000):
        self.handlers = handlers
        self.types = tuple(payload.TYPE for payload in handlers)
        self.batch = batch
        self.failures: dict[str, int] = {}

    def run(self, *, settled_seconds: float | None) -> int:
        """Reads until the store has nothing newer; returns how many events were applied
        (none when another process of the service is catching up now)."""
        with my_turn(CATCH_UP_LOCK) as mine:
            return self._run(settled_seconds) if mine else 0

    def _run(self, settled_seconds: float | None) -> int:
        cursor, _ = CatchUpCursor.objects.get_or_create(name="bus")
        upto, count = bus_client.tally(
            cursor.position, types=self.types, settled_seconds=settled_seconds
        )
        if _handled_between(cursor.position, upto) == count:
            if upto != cursor.position:
                cursor.position = upto
                cursor.save(update_fields=["position"])
            return 0
        applied = 0
        while True:
            items = bus_client.events_after(
                cursor.position,
                types=self.types,
                limit=self.batch,
                settled_seconds=settled_seconds,
            )
            if not items:
                return self._done(applied, cursor)
            try:
                applied += apply_batch([(i["event"], i["seq"]) for i in items], self.handlers)
            except Exception as exc:  # one of them fails: find it, and apply the rest
                logger.info("a batch of %d failed (%r); applying one by one", len(items), exc)
                for item in _not_handled(items):
                    if not self._apply(item["event"], item["seq"]):
                        cursor.save(update_fields=["position"])
                        return applied
                    applied += 1
                    cursor.position = item["seq"]
            cursor.position = items[-1]["seq"]
            cursor.save(update_fields=["position"])
            if len(items) < self.batch:
                return self._done(applied, cursor)

    @staticmethod
    def _done(applied: int, cursor: CatchUpCursor) -> int:
        if applied:
            logger.info("caught up %d events, now at %d", applied, cursor.position)
        return applied

    def _apply(self, event: dict, seq: int) -> bool:
        """False stops this pass at the event, to try it again next pass."""
        try:
            apply(event, seq, self.handlers)
            self.failures.pop(event["id"], None)
        except Exception as exc:
            failures = self.failures.get(event["id"], 0) + 1
            if failures <= settings.TANDEM_EVENT_MAX_RETRIES:
                self.failures[event["id"]] = failures
                logger.warning("catch-up of %s failed (%d): %r", event["id"], failures, exc)
                return False
            self.failures.pop(event["id"], None)
            park(event, seq, exc, attempts=failures)
        return True


def _not_handled(items: list[dict]) -> list[dict]:
    done = handled_or_parked([item["event"]["id"] for item in items])
    return [item for item in items if item["event"]["id"] not in done]


def _handled_between(after: int, upto: int) -> int:
    """How many events at positions after..upto this service has applied or parked."""
    if upto <= after:
        return 0
    applied = ProcessedEvent.objects.filter(seq__gt=after, seq__lte=upto)
    parked = DeadLetter.objects.filter(seq__gt=after, seq__lte=upto).exclude(
        event_id__in=applied.values("event_id")
    )
    return applied.count() + parked.count()
