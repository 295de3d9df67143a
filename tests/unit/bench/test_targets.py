"""The targets the comparison page holds the split build to, read off one run's results."""

import pytest

from bench.compare.targets import SCALE_TARGETS, TARGETS, judged, value_text


def figure(value: float) -> dict:
    return {"median": value, "min": value, "max": value, "runs": 1}


def build(*, sustained, cpu, memory, processes, posts, lags=None, idle=None) -> dict:
    lags = lags or {"post": {"p99": figure(40)}, "comment": {"p99": figure(100)}}
    idle = idle or {"post": {"p50": figure(9)}, "comment": {"p50": figure(25)}}
    return {
        "highest_sustained": {"rate": figure(sustained)},
        "fixed": {"50": {"cpu_ms_per_request": figure(cpu), "lag_ms": lags}},
        "footprint": {"memory_mb": memory, "processes": processes},
        "posts_only": {"rate": figure(posts)},
        "idle_lag_ms": idle,
    }


def results(split: dict) -> dict:
    monolith = build(sustained=100, cpu=10, memory=150, processes=3, posts=300)
    return {
        "builds": {"monolith": monolith, "split": split},
        "ceiling": {"posts_only": {"rate": figure(600)}},
    }


def by_name(found: list[dict]) -> dict[str, dict]:
    return {target["name"]: target for target in found}


def test_each_target_is_judged_against_the_monolith_measured_in_the_same_run():
    split = build(sustained=85, cpu=14, memory=590, processes=16, posts=190)
    found = by_name(judged(results(split), TARGETS))
    assert all(target["met"] for target in found.values()), found
    assert found["split's sustained rate of the mix, of the monolith's"]["value"] == 0.85
    assert found["monolith's POST /posts rate, of a bare DRF view's"]["value"] == 0.5


def test_a_target_missed_says_so_with_its_figure():
    split = build(sustained=50, cpu=30, memory=900, processes=16, posts=60)
    found = by_name(judged(results(split)))
    cpu = found["split's CPU per request at the top fixed rate, of the monolith's"]
    assert cpu["met"] is False and value_text(cpu["value"], cpu["unit"]) == "3.00x"
    assert found["split's processes"]["met"] is True
    assert found["split's idle memory (PSS)"]["met"] is False


def test_a_figure_the_run_did_not_measure_is_not_judged():
    split = build(sustained=85, cpu=14, memory=590, processes=16, posts=190)
    measured = results(split)
    del measured["builds"]["split"]["fixed"]["50"]["lag_ms"]
    found = by_name(judged(measured))
    assert found["split's post lag p99 at 50/s"]["met"] is None


def size(*, first: float, deep: float, rate: float, events: int = 0, rebuilt: float = 0) -> dict:
    def read(p50: float, per_second: float) -> dict:
        return {"latency_ms": {"p50": figure(p50)}, "rate": figure(per_second)}

    measured = {"first_page": read(first, rate), "deep_page": read(deep, rate / 2)}
    return {
        "events": events,
        "posts": events // 5,
        "builds": {
            "monolith": measured,
            "split": {**measured, "rebuild": {"rate": rebuilt}},
        },
    }


def scaled(runs: dict) -> dict:
    return {"scale": {"sizes": [int(s) for s in runs], "runs": runs}}


def test_the_scale_targets_read_a_million_posts_against_ten_thousand():
    found = by_name(judged(scaled({
        "10000": size(first=10, deep=11, rate=200, events=47_600, rebuilt=900),
        "100000": size(first=40, deep=90, rate=20, events=476_000, rebuilt=900),
        "1000000": size(first=14, deep=17.5, rate=170, events=4_760_000, rebuilt=6000),
    }), SCALE_TARGETS))  # fmt: skip
    first = found["split's first feed page p50 at 1M posts, of its p50 at 10k"]
    assert first["value"] == pytest.approx(1.4) and first["met"] is True
    rate = found["monolith's highest rate of the first feed page at 1M posts, of at 10k"]
    assert rate["value"] == pytest.approx(0.85) and rate["met"] is True
    deep = found["split's feed page 500,000 posts back at 1M posts: p50, of the first page's"]
    assert deep["value"] == pytest.approx(1.25) and deep["met"] is False
    assert value_text(deep["value"], deep["unit"]) == "1.25x"
    rebuild = found["split's query service rebuilt from a store of ≥ 1M events"]
    assert rebuild["value"] == 6000 and rebuild["met"] is True
    assert value_text(rebuild["value"], rebuild["unit"]) == "6,000 events/s"


def test_the_scale_targets_are_not_judged_without_the_sizes_they_name():
    found = judged(scaled({"300": size(first=5, deep=5, rate=300, events=1_435)}), SCALE_TARGETS)
    assert [target["met"] for target in found] == [None] * len(SCALE_TARGETS)
    assert all(target["met"] is None for target in judged({}, SCALE_TARGETS))
