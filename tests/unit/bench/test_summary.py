"""The comparison page's section on the size of the data, written from results.json."""

from bench.compare.summary import scale_reads_table, scale_section, scale_split_table


def figure(value: float) -> dict:
    return {"median": value, "min": value, "max": value, "runs": 1}


def read(p50: float, p99: float, rate: float) -> dict:
    return {
        "latency_ms": {"p50": figure(p50), "p90": figure(p99), "p99": figure(p99)},
        "rate": figure(rate),
        "error_rate": figure(0),
        "cpu_ms_per_request": figure(4.5),
        "database_cpu_ms_per_request": figure(0.75),
    }


def build(slower: float) -> dict:
    return {
        "first_page": read(8 * slower, 12 * slower, 200 / slower),
        "deep_page": read(9 * slower, 13 * slower, 190 / slower),
        "comments": read(4, 6, 300),
        "write": {"latency_ms": {"p50": figure(11), "p90": figure(20), "p99": figure(30)}},
    }


def run(posts: int, slower: float) -> dict:
    split = {
        **build(slower),
        "rebuild": {"events": posts * 3, "seconds": 2.5, "rate": posts * 1.2},
        "catch_up": {"posts": 20, "start_seconds": 1.8, "seconds": 2.1, "rate": 9.5},
    }
    return {
        "posts": posts,
        "comments": posts * 5 // 4,
        "users": max(10, posts // 100),
        "events": posts * 5,
        "deep_position": posts - 20,
        "seed_seconds": {"monolith": 0.4, "split": 1.8},
        "database_mb": {"monolith": 8.7, "split": 54, "split_store": 12.6},
        "builds": {"monolith": build(slower), "split": split},
        "minutes": 0.6,
    }


SCALE = {
    "date": "2026-12-07 00:00 UTC",
    "mode": "smoke",
    "minutes": 1.2,
    "machine": {"cores": 2, "memory_gb": 23.5},
    "settings": {"repeats": 1, "requests": 20, "seconds": 1, "outage_posts": 20},
    "sizes": [300, 1500],
    "runs": {"300": run(300, 1.0), "1500": run(1500, 2.0)},
}


def test_each_size_has_a_row_per_build_with_medians_of_each_read_and_the_write():
    rows = scale_reads_table(SCALE).splitlines()
    assert rows[0].count("|") == rows[1].count("|") == 10
    assert (
        rows[2]
        == "| 300 | monolith | 8.0/12.0 | 9.0/13.0 | 4.0/6.0 | 11.0/30.0 | 200 | 190 | 300 |"
    )
    assert (
        rows[5]
        == "| 1,500 | split | 16.0/24.0 | 18.0/26.0 | 4.0/6.0 | 11.0/30.0 | 100 | 95 | 300 |"
    )


def test_the_split_builds_rebuild_and_outage_are_given_per_size():
    rows = scale_split_table(SCALE).splitlines()
    assert rows[3].startswith("| 1,500 | 1,875 / 15 | 0.4 s / 1.8 s | 9 MB / 54 MB (13 MB) |")
    assert rows[3].endswith("| 7,500 | 4,500, 2.5 s, 1,800/s | 20: 2.1 s (1.8 s) |")


def test_the_section_shows_its_targets_and_is_left_out_when_the_scale_did_not_run():
    section = "\n".join(scale_section({"scale": SCALE}, "scale.png"))
    assert "## Cost against the size of the data" in section
    assert "| split's query service rebuilt from a store of ≥ 1M events | ≥ 5,000 events/s |" in (
        section
    )
    assert "![scale.png](scale.png)" in section
    assert scale_section({}, None) == []
