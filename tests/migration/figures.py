"""What each step of the road costs, measured while the test walks it: the latency the steady
load saw, how many processes run and the memory they hold (PSS, as the bench counts it), and
at the feed's step the lag a new post takes to show in the query service's feed (no
consistency token), at moderation's how long a new comment stays pending."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from bench.compare.resources import footprint, process_tree
from bench.compare.stats import percentile
from tests.migration.load import SteadyLoad


@dataclass
class StepFigures:
    step: str
    requests: int
    p50_ms: float
    p95_ms: float
    failures: int
    processes: int
    memory_mib: float
    feed_lag_s: float | None = None
    moderation_lag_s: float | None = None


def measure(step: str, load: SteadyLoad, since: float, pids: list[int]) -> StepFigures:
    with load.lock:
        seen = [a for a in load.answered if a.started >= since]
    took = [(a.ended - a.started) * 1000 for a in seen if a.status and a.status < 500]
    held = footprint(process_tree(pids))
    return StepFigures(
        step=step,
        requests=len(seen),
        p50_ms=round(percentile(took, 0.50), 1),
        p95_ms=round(percentile(took, 0.95), 1),
        failures=sum(1 for a in seen if a.status == 0 or a.status >= 500),
        processes=held.processes,
        memory_mib=held.memory_mb,
    )


def feed_lag(gateway: str, reader: str, auth: dict, samples: int = 10) -> float:
    """Median seconds from a post's 201 at the gateway to its showing on `reader`'s feed."""
    lags = []
    for number in range(samples):
        title = f"lag probe {number} {time.monotonic_ns()}"
        created = requests.post(f"{gateway}/posts", json={"title": title}, headers=auth, timeout=10)
        assert created.status_code == 201, created.text
        post_id, started = created.json()["id"], time.monotonic()
        while time.monotonic() - started < 30:
            page = requests.get(f"{reader}/posts", params={"page_size": 50}, timeout=10).json()
            if any(p["id"] == post_id for p in page["results"]):
                break
            time.sleep(0.01)
        lags.append(time.monotonic() - started)
    return round(statistics.median(lags), 3)


def moderation_lag(gateway: str, auth: dict, samples: int = 5) -> float:
    """Median seconds a new comment stays `pending` on the comments' own path."""
    post = requests.post(f"{gateway}/posts", json={"title": "lag"}, headers=auth, timeout=10)
    path = f"{gateway}/posts/{post.json()['id']}/comments"
    lags = []
    for number in range(samples):
        created = requests.post(path, json={"content": f"c{number}"}, headers=auth, timeout=10)
        comment_id, started = created.json()["id"], time.monotonic()
        while time.monotonic() - started < 60:
            listed = requests.get(path, timeout=10).json()
            if any(c["id"] == comment_id and c["status"] != "pending" for c in listed):
                break
            time.sleep(0.05)
        lags.append(time.monotonic() - started)
    return round(statistics.median(lags), 3)


@dataclass
class FlipFigures:
    flip: str
    seconds: float
    in_flight: int


def write(steps: list[StepFigures], flips: list[FlipFigures], path: Path) -> None:
    """`{"steps": [...], "flips": [...]}`, as the bench's road section reads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"steps": [asdict(s) for s in steps], "flips": [asdict(f) for f in flips]}
    path.write_text(json.dumps(document, indent=2) + "\n")
