"""What the split build is held to, as ratios and bounds read off one run's results: each
target beside what the run measured, and whether it was met. The comparison page shows
them; a target not met stays on the page with its figure, not removed.

The scale section's targets hold both builds to costs that do not grow with the data, at a
million posts against ten thousand (the sizes `make bench` runs); a run without those sizes
leaves them unjudged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.compare.formatting import median, rates


@dataclass(frozen=True)
class Target:
    name: str
    #: "≤" or "≥" the bound.
    sense: str
    bound: float
    unit: str
    measure: Callable[[dict], float | None]

    def judge(self, results: dict) -> dict:
        value = self.measure(results)
        met = None
        if value is not None:
            met = value <= self.bound if self.sense == "≤" else value >= self.bound
        return {"name": self.name, "sense": self.sense, "bound": self.bound, "unit": self.unit,
                "value": value, "met": met}  # fmt: skip


def _build(results: dict, name: str) -> dict:
    return results["builds"][name]


def _ratio(a, b) -> float | None:
    return None if a is None or not b else a / b


def _sustained(results: dict, name: str) -> float | None:
    return median(_build(results, name)["highest_sustained"]["rate"])


def _posts(results: dict, name: str) -> float | None:
    where = results["ceiling"] if name == "ceiling" else _build(results, name)
    return median(where.get("posts_only", {}).get("rate"))


def _cpu(results: dict, name: str) -> float | None:
    top = rates(results)[-1]
    return median(_build(results, name)["fixed"][top]["cpu_ms_per_request"])


def _lag(results: dict, kind: str, percentile: str, rate: str | None) -> float | None:
    split = _build(results, "split")
    lags = split["idle_lag_ms"] if rate is None else split["fixed"].get(rate, {}).get("lag_ms")
    return None if lags is None else median(lags[kind][percentile])


TARGETS = (
    Target("split's sustained rate of the mix, of the monolith's", "≥", 0.80, "ratio",
           lambda r: _ratio(_sustained(r, "split"), _sustained(r, "monolith"))),
    Target("split's CPU per request at the top fixed rate, of the monolith's", "≤", 1.5, "times",
           lambda r: _ratio(_cpu(r, "split"), _cpu(r, "monolith"))),
    Target("split's idle memory (PSS)", "≤", 600, "MB",
           lambda r: _build(r, "split")["footprint"]["memory_mb"]),
    Target("split's processes", "≤", 16, "",
           lambda r: _build(r, "split")["footprint"]["processes"]),
    Target("split's post lag p99 at 50/s", "≤", 50, "ms",
           lambda r: _lag(r, "post", "p99", "50")),
    Target("split's comment lag (final status) p99 at 50/s", "≤", 120, "ms",
           lambda r: _lag(r, "comment", "p99", "50")),
    Target("split's post lag p50, idle", "≤", 10, "ms",
           lambda r: _lag(r, "post", "p50", None)),
    Target("split's comment lag (final status) p50, idle", "≤", 30, "ms",
           lambda r: _lag(r, "comment", "p50", None)),
    Target("split's POST /posts rate (wrk, 8 connections), of the monolith's", "≥", 0.60, "ratio",
           lambda r: _ratio(_posts(r, "split"), _posts(r, "monolith"))),
    Target("monolith's POST /posts rate, of a bare DRF view's", "≥", 0.40, "ratio",
           lambda r: _ratio(_posts(r, "monolith"), _posts(r, "ceiling"))),
)  # fmt: skip


#: The sizes the scale targets compare: the most posts against the fewest of `make bench`.
SMALL, LARGE = 10_000, 1_000_000
#: The least the event store must hold for its replay's rate to be judged.
STORE_FOR_REBUILD = 1_000_000


def _scale_read(results: dict, size: int, name: str, read: str, figure: str) -> float | None:
    """A median of one read of one build at a size of the scale section (None if not run)."""
    run = (results.get("scale") or {}).get("runs", {}).get(str(size))
    if run is None:
        return None
    measured = run["builds"][name][read]
    return median(measured["latency_ms"]["p50"] if figure == "p50" else measured[figure])


def _rebuild_rate(results: dict) -> float | None:
    """Events per second of the query service's rebuild, at the largest size whose store
    held at least STORE_FOR_REBUILD events."""
    runs = (results.get("scale") or {}).get("runs", {})
    big = [run for run in runs.values() if run["events"] >= STORE_FOR_REBUILD]
    if not big:
        return None
    return max(big, key=lambda run: run["posts"])["builds"]["split"]["rebuild"]["rate"]


def _scale_targets(name: str) -> tuple[Target, ...]:
    return (
        Target(f"{name}'s first feed page p50 at 1M posts, of its p50 at 10k", "≤", 1.5, "times",
               lambda r: _ratio(_scale_read(r, LARGE, name, "first_page", "p50"),
                                _scale_read(r, SMALL, name, "first_page", "p50"))),
        Target(f"{name}'s highest rate of the first feed page at 1M posts, of at 10k", "≥",
               0.80, "ratio",
               lambda r: _ratio(_scale_read(r, LARGE, name, "first_page", "rate"),
                                _scale_read(r, SMALL, name, "first_page", "rate"))),
        Target(f"{name}'s feed page 500,000 posts back at 1M posts: p50, of the first page's",
               "≤", 1.2, "times",
               lambda r: _ratio(_scale_read(r, LARGE, name, "deep_page", "p50"),
                                _scale_read(r, LARGE, name, "first_page", "p50"))),
    )  # fmt: skip


SCALE_TARGETS = (
    *_scale_targets("monolith"),
    *_scale_targets("split"),
    Target("split's query service rebuilt from a store of ≥ 1M events", "≥", 5000, "events/s",
           _rebuild_rate),
)  # fmt: skip


def judged(results: dict, targets: tuple[Target, ...] = (*TARGETS, *SCALE_TARGETS)) -> list[dict]:
    return [target.judge(results) for target in targets]


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "ratio":
        return f"{value:.0%}"
    if unit == "times":
        return f"{value:.2f}x"
    return f"{value:,.0f}{' ' + unit if unit else ''}"
