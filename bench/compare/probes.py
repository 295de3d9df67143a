"""Write-to-visible lag, as a user would see it: a write returns, then the feed is read back
to back until it shows the write (a post) or its final state (a comment's moderation).

In the monolith a write is visible once it returns, so its lag is one feed read; in the
split build it is the trip through the events to the query service."""

from __future__ import annotations

import threading
import time

from bench.compare.resources import CpuMeter
from bench.compare.stats import latency_ms
from bench.compare.workload import Population

FINAL = {"approved", "rejected"}
#: Probes give up after this long and count as "not visible".
GIVE_UP_SECONDS = 10.0


def _newest_posts(population: Population) -> list[dict]:
    response = population.http.request("GET", "/posts", params={"page_size": 100})
    return response.json()["results"] if response.status_code == 200 else []


def _poll(condition) -> float | None:
    """Seconds until `condition()` holds, polled back to back; None if it never does."""
    start = time.perf_counter()
    while time.perf_counter() - start < GIVE_UP_SECONDS:
        if condition():
            return time.perf_counter() - start
    return None


def post_lag(population: Population, title: str = "probe") -> tuple[float | None, int]:
    created = population.http.request(
        "POST", "/posts", json={"title": title}, headers=population.auth()
    )
    post_id = created.json()["id"]
    lag = _poll(lambda: any(p["id"] == post_id for p in _newest_posts(population)))
    return lag, post_id


def comment_lag(population: Population, post_id: int, blocked: bool) -> float | None:
    text = "probe with orange" if blocked else "probe, clean"
    created = population.http.request(
        "POST", f"/posts/{post_id}/comments", json={"content": text}, headers=population.auth()
    )
    if created.status_code != 201:
        return None
    comment_id = created.json()["id"]

    def final_in_feed() -> bool:
        for post in _newest_posts(population):
            if post["id"] == post_id:
                return any(c["id"] == comment_id and c["status"] in FINAL for c in post["comments"])
        return False

    return _poll(final_in_feed)


def probe_once(population: Population, number: int) -> dict[str, float | None]:
    """One post lag and one comment lag (on that post, so it is near the top of the feed)."""
    post, post_id = post_lag(population, f"probe {number}")
    comment = (
        comment_lag(population, post_id, blocked=number % 2 == 1) if post is not None else None
    )
    return {"post": post, "comment": comment}


def probe_idle(population: Population, count: int) -> dict[str, list[float | None]]:
    lags = {"post": [], "comment": []}
    for number in range(count):
        for key, value in probe_once(population, number).items():
            lags[key].append(value)
    return lags


class ProbeDuringLoad:
    """Probes one after another, on a thread of its own, while a load runs."""

    def __init__(self, population: Population):
        self.population = population
        self.lags: dict[str, list[float | None]] = {"post": [], "comment": []}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="probe", daemon=True)

    def __enter__(self) -> ProbeDuringLoad:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        number = 0
        while not self._stop.is_set():
            try:
                for key, value in probe_once(self.population, number).items():
                    self.lags[key].append(value)
            except Exception:  # a probe that fails under overload is a lag it could not see
                self.lags["post"].append(None)
            number += 1
            self._stop.wait(0.25)


def sign_in_cost(population: Population, count: int, stack_pids: list[int]) -> dict:
    """One sign-in at a time, `count` times: its latency and the CPU it costs the build, apart
    from the mix (checking a password is slow on purpose: argon2)."""
    response, credentials = population.sign_up()
    response.raise_for_status()
    times = []
    with CpuMeter(stack_pids) as cpu:
        for _ in range(count):
            start = time.perf_counter()
            population.http.request("POST", "/users/signin", json=credentials).raise_for_status()
            times.append(time.perf_counter() - start)
    return {
        "latency_ms": latency_ms(times),
        "cpu_ms": round(cpu.stack_seconds * 1000 / max(1, count), 1),
    }
