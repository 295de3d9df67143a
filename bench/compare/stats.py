"""Percentiles of one run, and the median/min/max of repeated runs."""

from __future__ import annotations

import statistics
from collections.abc import Iterable


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency_ms(seconds: list[float]) -> dict[str, float | None]:
    return {
        name: None if (value := percentile(seconds, share)) is None else round(value * 1000, 2)
        for name, share in (("p50", 0.50), ("p90", 0.90), ("p99", 0.99))
    }


def spread(values: Iterable[float | None]) -> dict[str, float | None]:
    """Median, min and max of repeated runs, ignoring runs that produced no value."""
    present = [v for v in values if v is not None]
    if not present:
        return {"median": None, "min": None, "max": None, "runs": 0}
    return {
        "median": round(statistics.median(present), 3),
        "min": round(min(present), 3),
        "max": round(max(present), 3),
        "runs": len(present),
    }


def spread_tree(runs: list[dict]) -> dict:
    """The same dict shape as each run, with every number replaced by its spread."""
    first = runs[0]
    if isinstance(first, dict):
        return {key: spread_tree([run[key] for run in runs]) for key in first}
    return spread(runs)
