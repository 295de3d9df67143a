"""Behaviour under faults, for the summary: runs the fault tests (tests/faults/) on
PostgreSQL with TANDEM_FAULT_REPORT set, so each test appends what its user saw, and adds
for the monolith the reason each split-only fault has no counterpart there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.processes import REPO_ROOT

#: Why a fault of the split build cannot happen to the monolith: it has no such part. Each
#: key is a phrase of the fault test's own description.
MONOLITH_HAS_NO = {
    "query worker": "no such part: the feed reads the tables the write committed to",
    "consumer's worker": "no such part: no workers; every change is made in its request",
    "signing key is rotated": "the same three steps in one process: a rotation is restarts",
    "moderation service is down": "no such part: comments are moderated in the write's own "
    "transaction",
    "verdict": "no such part: comments are moderated in the write's own transaction",
    "Redis": "no such part: no broker",
    "twice and out of order": "no events to deliver twice",
    "handler fails": "no events to handle",
    "rebuilt": "no read model to rebuild: the feed is read from the source tables",
}


def run(workdir: Path, postgres_url: str, progress) -> list[dict]:
    report = workdir / "faults.jsonl"
    env = {**os.environ, "TANDEM_FAULT_REPORT": str(report)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/faults",
        "--database=postgres",
        f"--postgres-url={postgres_url}",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    progress(f"  fault tests: {result.stdout.strip().splitlines()[-1]}")
    records = (
        [json.loads(line) for line in report.read_text().splitlines()] if report.exists() else []
    )
    rows = []
    records.sort(key=lambda entry: (entry["fault"], entry["build"] != "monolith"))
    for entry in records:
        if entry["build"] == "split" and not any(
            r["fault"] == entry["fault"] and r["build"] == "monolith" for r in records
        ):
            reason = next(
                (why for key, why in MONOLITH_HAS_NO.items() if key in entry["fault"]), ""
            )
            rows.append(
                {
                    "fault": entry["fault"],
                    "build": "monolith",
                    "during": reason or "n/a",
                    "after": "–",
                    "lost": "–",
                    "doubled": "–",
                    "outcome": "n/a",
                }
            )
        lost = "test failed" if entry["outcome"] != "passed" else entry["lost"]
        doubled = "test failed" if entry["outcome"] != "passed" else entry["doubled"]
        rows.append({**entry, "lost": lost, "doubled": doubled})
    return rows
