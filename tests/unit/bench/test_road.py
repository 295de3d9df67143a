"""The comparison page's road section: the figures the road test writes, read and rendered."""

import json
import sys

import pytest

from bench.compare import road


def step(name: str, **extra) -> dict:
    return {
        "step": name,
        "requests": 1511,
        "p50_ms": 26.0,
        "p95_ms": 117.6,
        "failures": 0,
        "processes": 12,
        "memory_mib": 770.4,
        "feed_lag_s": None,
        "moderation_lag_s": None,
        **extra,
    }


FIGURES = {
    "steps": [
        step("0: the monolith behind the gateway"),
        step("2: the feed from the query service", feed_lag_s=0.035),
        step("3: moderation by its service", moderation_lag_s=3.412),
    ],
    "flips": [
        {"flip": "feed to the query service", "seconds": 0.228, "in_flight": 4},
        {"flip": "feed back to the monolith", "seconds": 0.266, "in_flight": 5},
    ],
}


def written(tmp_path, document: dict):
    path = tmp_path / "road.json"
    path.write_text(json.dumps(document))
    return path


def test_the_figures_are_read_as_the_road_test_writes_them(tmp_path):
    assert road.read(written(tmp_path, FIGURES)) == FIGURES
    assert road.kept(tmp_path) == FIGURES
    assert road.kept(tmp_path / "elsewhere") is None


def test_figures_of_another_shape_are_refused_saying_what_is_missing(tmp_path):
    with pytest.raises(ValueError, match="no list of flips"):
        road.read(written(tmp_path, {"steps": []}))
    incomplete = {"steps": [{"step": "0", "requests": 1}], "flips": []}
    with pytest.raises(ValueError, match="a step without p50_ms, p95_ms"):
        road.read(written(tmp_path, incomplete))


def test_each_step_has_a_row_and_each_lag_a_column_where_any_step_has_it():
    rows = road.table(FIGURES["steps"], road.STEP_COLUMNS).splitlines()
    assert rows[0] == (
        "| step | requests seen | p50 | p95 | 5xx or no answer | processes | memory (PSS) "
        "| feed lag | moderation lag |"
    )
    assert rows[1].count("---") == 9
    assert rows[2] == (
        "| 0: the monolith behind the gateway | 1,511 | 26.0 ms | 117.6 ms | 0 | 12 | 770 MiB "
        "| – | – |"
    )
    assert rows[3].endswith("| 35 ms | – |")
    assert rows[4].endswith("| – | 3.4 s |")


def test_a_field_the_test_adds_later_gets_a_column_of_its_own():
    steps = [step("4: posts by their service", catch_up_s=12.5, outbox_rows=40), step("5")]
    header, _, first, second = road.table(steps, road.STEP_COLUMNS).splitlines()
    assert header.endswith("| catch up | outbox rows |")
    assert first.endswith("| 12.5 s | 40 |")
    assert second.endswith("| – | – |")


def test_each_flip_shows_what_it_took_and_the_requests_in_flight_none_failed():
    flips = road.render(FIGURES).split("Each route flip:")[1].strip().splitlines()
    assert flips[0] == (
        "| flip | took (file written, nginx reloaded) | requests in flight meanwhile | 5xx |"
    )
    assert flips[2] == "| feed to the query service | 228 ms | 4 | 0 |"


def test_the_section_says_when_the_walk_was_and_links_the_road_and_its_raw_figures():
    walked = {"date": "2026-12-07 10:00 UTC", "minutes": 11.5, "machine": {"cores": 2}, **FIGURES}
    section = "\n".join(road.section(walked, None))
    assert section.startswith("## The road from the monolith to the split build")
    assert "Walked on 2026-12-07 10:00 UTC, in 11.5 minutes, on 2 cores" in section
    assert "[the migration](../migration.md)" in section
    assert "[road.json](road.json)" in section
    assert "Not walked in this bench run" not in section
    assert "| 3: moderation by its service |" in section


def test_a_walk_kept_from_an_earlier_run_is_shown_with_its_date_and_said_so():
    earlier = {"date": "2026-11-30 09:00 UTC", **FIGURES}
    section = "\n".join(road.section(None, earlier))
    assert "Not walked in this bench run: these are the last walk's figures" in section
    assert "Walked on 2026-11-30 09:00 UTC by" in section
    assert "| feed to the query service | 228 ms |" in section


def test_without_any_walk_the_section_says_how_to_walk_it():
    assert "`make bench-road` walks it" in "\n".join(road.section(None, None))


def test_a_walk_that_fails_shows_the_end_of_its_output():
    failing = "print('\\n'.join(f'line {n}' for n in range(100))); raise SystemExit(1)"
    with pytest.raises(road.RoadFailed) as failed:
        road.run_walk([sys.executable, "-c", failing])
    message = str(failed.value)
    assert message.startswith("road: the walk failed (exit 1)")
    assert message.endswith("line 99") and "line 59" not in message


def test_the_walk_reads_the_figures_written_where_it_was_told():
    writes = (
        "import json, os; "
        f"open(os.environ['TANDEM_ROAD_FIGURES'], 'w').write(json.dumps({FIGURES!r}))"
    )
    assert road.run_walk([sys.executable, "-c", writes]) == FIGURES
