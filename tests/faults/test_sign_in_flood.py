"""Fault 13: a flood of wrong-password sign-ins (40 clients, 400 a second for 20 s) while
others read the feed and write posts, in either build.

Each build runs behind the gateway compose and Kubernetes put in front of it, as people run
it. The flood comes from `hey` (Debian's package), each client sending 10 a second whatever
the answers, all 40 at the same instant: 40 such clients used to take the monolith down,
each attempt costing 0.2 s of hashing on both cores. The gateway's `limit_req` answers most
of the flood at almost no cost; the rest reaches the services, whose own limits refuse it
before any hashing (docs/decisions/0013-bounded-waits-and-floods.md)."""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import threading
import time

import pytest

from tests.behaviour.client import Api, User
from tests.faults.conftest import a_post_in_the_feed
from tests.support.gateway import Gateway

FLOOD_CLIENTS, FLOOD_RATE_PER_CLIENT, FLOOD_SECONDS = 40, 10, 20
#: How much slower (p99) reads and writes may get during the flood, in either build.
SLOWDOWN_BOUND = 3
BASELINE_SECONDS = 10


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


def timed(api: Api, writer: User, seconds: float) -> dict[str, list[float]]:
    """A reader of the feed and a writer of posts, one request after another, for `seconds`;
    every answer must be a success."""
    until = time.monotonic() + seconds
    took: dict[str, list[float]] = {"feed read": [], "post write": []}

    def keep(kind: str, call) -> None:
        while time.monotonic() < until:
            started = time.perf_counter()
            response = call()
            took[kind].append(time.perf_counter() - started)
            assert response.status_code in (200, 201), response.text

    clients = [
        threading.Thread(target=keep, args=("feed read", lambda: api.get("/posts"))),
        threading.Thread(
            target=keep,
            args=(
                "post write",
                lambda: api.post("/posts", json={"title": "t"}, headers=writer.auth),
            ),
        ),
    ]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return took


def flood(url: str, username: str) -> dict[int, int]:
    hey = shutil.which("hey")
    assert hey, "hey (Debian's package) makes the flood"
    body = json.dumps({"username": username, "password": "not the password at all"})
    result = subprocess.run(
        [hey, "-c", str(FLOOD_CLIENTS), "-q", str(FLOOD_RATE_PER_CLIENT), "-z", f"{FLOOD_SECONDS}s",
         "-m", "POST", "-T", "application/json", "-d", body, url],
        capture_output=True, text=True, timeout=FLOOD_SECONDS + 30, check=True,
    )  # fmt: skip
    codes = re.findall(r"\[(\d{3})\]\s+(\d+) responses", result.stdout)
    assert codes, result.stdout
    return {int(code): int(count) for code, count in codes}


@pytest.fixture
def fronted(build, tmp_path):
    """The build behind its gateway."""
    gateway = Gateway(build, tmp_path).start()
    yield gateway
    gateway.stop()


@pytest.mark.parametrize("build", ["monolith", "split"], indirect=True)
def test_a_sign_in_flood_gets_429s_and_others_keep_their_pace(fronted, record):
    api, writer, _ = a_post_in_the_feed(fronted, record, "before the flood")
    victim = api.new_user("victim")
    baseline = timed(api, writer, BASELINE_SECONDS)

    statuses: dict[int, int] = {}
    flooding = threading.Thread(
        target=lambda: statuses.update(
            flood(fronted.url_for("POST", "/users/signin"), victim.username)
        )
    )
    flooding.start()
    time.sleep(1)
    during = timed(api, writer, FLOOD_SECONDS - 3)
    flooding.join()

    sent = sum(statuses.values())
    assert statuses.get(429, 0) > 0.9 * sent, f"the flood is refused: {statuses}"
    assert set(statuses) <= {401, 429, 503}, statuses
    record.during = (
        f"{sent} wrong-password sign-ins: {statuses.get(429, 0)} got 429, "
        f"{statuses.get(503, 0)} 503 (hashing busy), {statuses.get(401, 0)} were checked"
    )
    ratios = {}
    for kind in baseline:
        ratios[kind] = p99(during[kind]) / p99(baseline[kind])
    record.after = "; ".join(
        f"{kind} p99 {p99(during[kind]) * 1000:.0f} ms against {p99(baseline[kind]) * 1000:.0f} "
        f"ms before ({ratios[kind]:.1f}x)"
        for kind in baseline
    )
    for kind, ratio in ratios.items():
        assert ratio <= SLOWDOWN_BOUND, f"{kind}: {record.after}"

    locked = api.sign_in(victim.username, victim.password)
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "throttled"
    assert int(locked.headers["Retry-After"]) > 0
