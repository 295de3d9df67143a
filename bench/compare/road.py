"""The road section: what each step of the walk from the monolith to the split build costs
(docs/migration.md), for the comparison page.

It exists because the road is measured by its own test, not by the bench: the walk needs the
hybrid stack, its steady load and its checks that nothing is lost, which
`tests/migration/test_road.py` already has. So the bench walks it by running that test, with
TANDEM_ROAD_FIGURES set, and reads the figures it writes (tests/migration/figures.py:
`{"steps": [...], "flips": [...]}`). The bench keeps them, stamped with when and where they
were walked, as road.json beside the page: a bench run without the road (`--no-road`, the
smoke run) shows the last walk's figures with their date instead of none.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.compare.formatting import fmt
from bench.compare.resources import machine
from tests.support.processes import REPO_ROOT

#: The raw figures' file, beside results.json and the page.
FILE = "road.json"
#: Lines of pytest's output shown when the walk fails.
TAIL = 40

#: Each step's figures with a column of their own, in order: (field, header, cell).
STEP_COLUMNS = (
    ("step", "step", str),
    ("requests", "requests seen", fmt),
    ("p50_ms", "p50", lambda ms: fmt(ms, " ms", 1)),
    ("p95_ms", "p95", lambda ms: fmt(ms, " ms", 1)),
    ("failures", "5xx or no answer", fmt),
    ("processes", "processes", fmt),
    ("memory_mib", "memory (PSS)", lambda mib: fmt(mib, " MiB")),
)
FLIP_COLUMNS = (
    ("flip", "flip", str),
    ("seconds", "took (file written, nginx reloaded)", lambda s: fmt(s * 1000, " ms")),
    ("in_flight", "requests in flight meanwhile", fmt),
    # The walk fails on any 5xx or unanswered request, so a flip it shows had none.
    ("failures", "5xx", fmt),
)


class RoadFailed(RuntimeError):
    """The walk did not pass, or wrote no figures: the message ends with pytest's last lines."""


def walk(
    postgres_url: str,
    redis_url: str,
    progress: Callable[[str], None],
    python: str = sys.executable,
) -> dict:
    """Walks the road once (tests/migration, some ten minutes) and returns its figures,
    stamped with the date, the minutes it took and the machine."""
    command = [
        python,
        *("-m", "pytest", "tests/migration", "-q", "-p", "no:cacheprovider"),
        f"--postgres-url={postgres_url}",
        f"--redis-url={redis_url}",
    ]
    progress("road: the walk from the monolith to the split build (tests/migration, ~10 min)")
    started = time.time()
    figures = run_walk(command)
    progress(f"  road: {len(figures['steps'])} steps, {len(figures['flips'])} flips")
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "minutes": round((time.time() - started) / 60, 1),
        "machine": {**machine(), "python": platform.python_version()},
        **figures,
    }


def run_walk(command: list[str]) -> dict:
    """Runs `command` in the repository with TANDEM_ROAD_FIGURES set to a file of its own,
    and reads the figures it wrote there."""
    with tempfile.TemporaryDirectory(prefix="tandem-road-") as tmp:
        path = Path(tmp) / FILE
        result = subprocess.run(
            command,
            cwd=REPO_ROOT,
            env={**os.environ, "TANDEM_ROAD_FIGURES": str(path)},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RoadFailed(failure(f"the walk failed (exit {result.returncode})", result))
        if not path.exists():
            raise RoadFailed(failure(f"the walk passed but wrote no figures to {path}", result))
        return read(path)


def failure(what: str, result: subprocess.CompletedProcess) -> str:
    lines = (result.stdout + result.stderr).rstrip().splitlines()[-TAIL:]
    return "\n".join([f"road: {what}: {' '.join(result.args)}", *lines])


def read(path: Path) -> dict:
    """The figures in `path`, as the road test writes them (extra keys kept); a clear error
    where they are not that shape."""
    document = json.loads(path.read_text())
    for key, required in (("steps", STEP_COLUMNS), ("flips", FLIP_COLUMNS[:-1])):
        rows = document.get(key) if isinstance(document, dict) else None
        if not isinstance(rows, list):
            raise ValueError(f"{path}: no list of {key}")
        for row in rows:
            missing = [field for field, _, _ in required if field not in row]
            if missing:
                raise ValueError(f"{path}: a {key[:-1]} without {', '.join(missing)}: {row}")
    return document


def kept(out: Path) -> dict | None:
    """The figures of the last walk kept in `out`, if any."""
    path = out / FILE
    return read(path) if path.exists() else None


def keep(document: dict, out: Path) -> None:
    (out / FILE).write_text(json.dumps(document, indent=2) + "\n")


def extra_fields(rows: list[dict], columns: tuple) -> list[str]:
    """Numeric fields some row has beyond `columns`, in the order they first appear: the
    lags a step measures, and whatever the test adds later."""
    known = {field for field, _, _ in columns}
    found: dict[str, None] = {}
    for row in rows:
        for field, value in row.items():
            if (
                field not in known
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                found[field] = None
    return list(found)


def header(field: str) -> str:
    """feed_lag_s as "feed lag", took_ms as "took"."""
    for suffix in ("_s", "_ms", "_mib"):
        field = field.removesuffix(suffix)
    return field.replace("_", " ")


def cell(field: str, value) -> str:
    if value is None:
        return "–"
    if field.endswith("_ms"):
        return fmt(value, " ms", 1)
    if field.endswith("_s"):
        return fmt(value * 1000, " ms") if value < 1 else fmt(value, " s", 1)
    return fmt(value, digits=0 if float(value).is_integer() else 1)


def table(rows: list[dict], columns: tuple) -> str:
    """A markdown table of `rows`: the known columns, then a column per extra numeric field."""
    extras = extra_fields(rows, columns)
    lines = [
        "| " + " | ".join([*(title for _, title, _ in columns), *map(header, extras)]) + " |",
        "|" + "---|" * (len(columns) + len(extras)),
    ]
    for row in rows:
        cells = [
            *(text(row.get(field, 0)) for field, _, text in columns),
            *(cell(field, row.get(field)) for field in extras),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render(document: dict) -> str:
    """The two tables: each step's figures, then each route flip's."""
    return "\n\n".join(
        [
            table(document["steps"], STEP_COLUMNS),
            "Each route flip:",
            table(document["flips"], FLIP_COLUMNS),
        ]
    )


def section(walked: dict | None, earlier: dict | None) -> list[str]:
    """The page's section: this run's walk, else the last one kept beside the page, said so."""
    title = ["## The road from the monolith to the split build", ""]
    document = walked or earlier
    if document is None:
        return [
            *title,
            "Not walked in this run, and no earlier walk's figures beside this page "
            "(`make bench-road` walks it).",
            "",
        ]
    when = [f"on {document.get('date', 'an unknown date')}"]
    if "minutes" in document:
        when.append(f"in {document['minutes']} minutes")
    if document.get("machine", {}).get("cores"):
        when.append(f"on {document['machine']['cores']} cores")
    kept_note = (
        []
        if walked
        else [f"Not walked in this bench run: these are the last walk's figures, from {FILE}.", ""]
    )
    return [
        *title,
        *kept_note,
        f"Walked {', '.join(when)} by `tests/migration/test_road.py` (`make bench-road` walks "
        f"it alone; the raw figures: [{FILE}]({FILE})): the steps of [the "
        "migration](../migration.md), under a steady load through the gateway from before the "
        "first step to after the last, with the behavioural suite at each step. Latency is "
        "that of every request the load sent during the step; processes and memory are the "
        "stack's own (the machine's PostgreSQL and Redis are not counted). A lag is the median "
        "time a user waits at that step for a part of the split build to catch up (feed: a new "
        "post until the query service's feed shows it; moderation: a new comment until it "
        "leaves `pending`).",
        "",
        render(document),
        "",
    ]
