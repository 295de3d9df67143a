"""The targets the comparison page holds the split build to, read off one run's results."""

from bench.compare.targets import judged, value_text


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
    found = by_name(judged(results(split)))
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
