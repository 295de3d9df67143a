"""Whether a new owner has caught up, from the metrics both sides already expose
(common/metrics/delivery.py): the publisher's outbox holds nothing old (everything it
recorded, the backfill included, is in the store) and the consumer lags the store by no
more than a few events, has parked nothing, and could read its sources.
"""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass

from prometheus_client.parser import text_string_to_metric_families


@dataclass(frozen=True)
class Readiness:
    outbox_oldest_seconds: float | None
    outbox_unconfirmed: float | None
    consumer_lag: float | None
    dead_letters: float | None
    sources_down: tuple[str, ...]

    def ready(self, *, max_lag: float, max_age: float) -> bool:
        known = None not in (self.outbox_oldest_seconds, self.consumer_lag, self.dead_letters)
        return (
            known
            and not self.sources_down
            and self.outbox_oldest_seconds <= max_age
            and self.consumer_lag <= max_lag
            and self.dead_letters == 0
        )

    def describe(self) -> str:
        down = ", ".join(self.sources_down) or "none"
        return (
            f"publisher's outbox: {self.outbox_unconfirmed} unconfirmed, the oldest "
            f"{self.outbox_oldest_seconds} s old; consumer: {self.consumer_lag} events behind "
            f"the store, {self.dead_letters} dead letters; sources down: {down}"
        )


def _samples(url: str, timeout: float) -> dict[tuple[str, tuple], float]:
    with urllib.request.urlopen(f"{url.rstrip('/')}/metrics", timeout=timeout) as answer:
        text = answer.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _one(samples: dict, name: str) -> float | None:
    values = [value for (metric, _), value in samples.items() if metric == name]
    return max(values) if values else None


def readiness(publisher: str, consumer: str, *, timeout: float = 5.0) -> Readiness:
    published, consumed = _samples(publisher, timeout), _samples(consumer, timeout)
    down = tuple(
        f"{dict(labels)['service']} {dict(labels)['source']}"
        for samples in (published, consumed)
        for (metric, labels), value in samples.items()
        if metric == "tandem_delivery_source_up" and value == 0
    )
    return Readiness(
        outbox_oldest_seconds=_one(published, "tandem_outbox_oldest_unconfirmed_age_seconds"),
        outbox_unconfirmed=_one(published, "tandem_outbox_unconfirmed"),
        consumer_lag=_one(consumed, "tandem_consumer_lag_events"),
        dead_letters=_one(consumed, "tandem_dead_letters"),
        sources_down=down,
    )
