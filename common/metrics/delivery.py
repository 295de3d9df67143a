"""The state of a service's event delivery, read when Prometheus scrapes its web process:
what its outbox still holds, how far it lags the event store, what it parked, and what
waits in its queue. A gauge whose source does not answer is left out of that scrape (and
`tandem_delivery_source_up` says which), so a scrape never waits on a store that is down
for longer than that store's own bounded timeouts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db.models import Count, Max, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from common.events import broker, bus_client
from common.events.contract import subscriptions
from common.events.delivery import BUS_QUEUE, queue_of
from common.events.handlers import service_handlers
from common.events.models import CatchUpCursor, DeadLetter, OutboxEvent, ProcessedEvent
from common.metrics import service

logger = logging.getLogger(__name__)

#: A scrape asks the bus for its head at most this long.
BUS_TIMEOUT_SECONDS = 1.0


class DeliveryState(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        name = service()
        handlers = service_handlers()
        sources = {
            "database": lambda: self._database(name),
            "bus": (lambda: self._lag(name, handlers)) if handlers else None,
            "broker": (lambda: self._queue(name)) if handlers or name == BUS_QUEUE else None,
        }
        up = GaugeMetricFamily(
            "tandem_delivery_source_up",
            "Whether this scrape could read the source of the delivery gauges (1) or not (0).",
            labels=["service", "source"],
        )
        for source, read in sources.items():
            if read is None:
                continue
            families, answered = _read(source, read)
            up.add_metric([name, source], 1.0 if answered else 0.0)
            yield from families
        yield up

    def _database(self, name: str) -> list[GaugeMetricFamily]:
        waiting = OutboxEvent.objects.filter(confirmed_at__isnull=True).aggregate(
            count=Count("pk"), oldest=Min("created_at")
        )
        unconfirmed, oldest = waiting["count"], waiting["oldest"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        return [
            _gauge(
                "tandem_outbox_unconfirmed",
                "Outbox events the bus has not confirmed storing yet.",
                name,
                unconfirmed,
            ),
            _gauge(
                "tandem_outbox_oldest_unconfirmed_age_seconds",
                "Age of the oldest outbox event the bus has not confirmed (0 when none).",
                name,
                max(0.0, age),
            ),
            _gauge(
                "tandem_dead_letters",
                "Events parked in this service's dead letters now, waiting for a redrive.",
                name,
                DeadLetter.objects.count(),
            ),
        ]

    def _lag(self, name: str, handlers) -> list[GaugeMetricFamily]:
        types = {payload.TYPE for payload in handlers}
        queued = types & set(subscriptions(name))
        cursor = CatchUpCursor.objects.filter(name="bus").values_list("position", flat=True)
        applied = max(
            ProcessedEvent.objects.aggregate(seq=Max("seq"))["seq"] or 0,
            DeadLetter.objects.aggregate(seq=Max("seq"))["seq"] or 0,
            cursor.first() or 0,
        )
        lag = 0
        if queued:
            lag = bus_client.head(tuple(sorted(queued)), timeout=BUS_TIMEOUT_SECONDS) - applied
        if types - queued:
            # Types no queue brings (the copies of docs/migration.md's road) arrive by catch-up
            # alone, once settled: what it has still to apply of those is the lag.
            _, backlog = bus_client.tally(
                cursor.first() or 0,
                types=tuple(sorted(types - queued)),
                settled_seconds=settings.TANDEM_CATCHUP_SETTLED_SECONDS,
                timeout=BUS_TIMEOUT_SECONDS,
            )
            lag = max(lag, backlog)
        return [
            _gauge(
                "tandem_consumer_lag_events",
                "How far this service lags the store: for the types its queue brings, the "
                "store's newest position minus the newest it has applied or parked; for those "
                "only catch-up brings, the settled events it has not applied. 0 when up to date.",
                name,
                max(0, lag),
            )
        ]

    def _queue(self, name: str) -> list[GaugeMetricFamily]:
        queue = queue_of(name)
        family = GaugeMetricFamily(
            "tandem_queue_length",
            "Messages waiting in a Celery queue (not counting those a worker holds).",
            labels=["queue"],
        )
        family.add_metric([queue], broker.waiting(queue))
        return [family]


def _gauge(metric: str, documentation: str, name: str, value: float) -> GaugeMetricFamily:
    family = GaugeMetricFamily(metric, documentation, labels=["service"])
    family.add_metric([name], value)
    return family


def _read(source: str, read: Callable[[], list]) -> tuple[list, bool]:
    try:
        return read(), True
    except Exception as exc:  # the source is down or frozen: leave its gauges out
        logger.warning("metrics: %s did not answer: %r", source, exc)
        return [], False
