"""Each build's saturation, found with wrk: the mix through the gateway, and `POST /posts`
alone straight to whichever process answers it, beside a bare DRF view.

A closed loop answers how fast a build takes requests, not whether it keeps up: the split
build's consumers may still be working off what it accepted. So after each run of the mix
the build is given time to settle (a new post visible in the feed), and the sustained rate
counts that time too: requests answered / (seconds of load + seconds to settle).
"""

from __future__ import annotations

import time

from bench.compare import wrk
from bench.compare.resources import CpuMeter, cpu_seconds, process_tree, spent
from bench.compare.workload import Population


def mix(
    population: Population,
    base_url: str,
    *,
    seconds: float,
    stack_pids: list[int],
    gateway_pids: list[int],
) -> dict:
    """The mix through the gateway at `base_url`; what the build, the gateway and wrk spent."""
    with CpuMeter(stack_pids) as stack, CpuMeter(gateway_pids) as gateway:
        loop = wrk.run(base_url, population, seconds=seconds)
    answered = max(1, loop.requests - loop.non_2xx)
    settled = drain_seconds(population)
    return {
        **loop.summary(),
        "settle_seconds": round(settled, 2),
        "sustained_rate": round(answered / (loop.seconds + settled), 1),
        "cpu_ms_per_request": round(stack.stack_seconds * 1000 / answered, 3),
        "database_and_broker_cpu_ms_per_request": round(
            stack.infrastructure_seconds * 1000 / answered, 3
        ),
        "gateway_cpu_ms_per_request": round(gateway.stack_seconds * 1000 / answered, 3),
        "generator_cpu_ms_per_request": round(loop.generator_cpu_seconds * 1000 / answered, 3),
    }


def posts_only(
    population: Population,
    base_url: str,
    *,
    seconds: float,
    pids: list[int],
    by_process: dict[str, int] | None = None,
) -> dict:
    """`POST /posts` only, 8 connections, straight to the process that answers it; with
    `by_process` (label -> leader PID), what each of those spent, until the build settled."""
    parts = {label: [pid] for label, pid in (by_process or {}).items()}
    before = {label: cpu_seconds(process_tree(leaders)) for label, leaders in parts.items()}
    with CpuMeter(pids) as cpu:
        loop = wrk.run(base_url, population, seconds=seconds, shares={"post": 1.0})
        if parts:
            drain_seconds(population)
    answered = max(1, loop.requests - loop.non_2xx)
    summary = {
        **loop.summary(),
        "cpu_ms_per_request": round(cpu.stack_seconds * 1000 / answered, 3),
        "generator_cpu_ms_per_request": round(loop.generator_cpu_seconds * 1000 / answered, 3),
    }
    if parts:
        after = {label: cpu_seconds(process_tree(leaders)) for label, leaders in parts.items()}
        summary["cpu_ms_by_process"] = {
            label: round(spent(before[label], after[label]) * 1000 / answered, 3) for label in parts
        }
    return summary


def drain_seconds(population: Population, timeout: float = 300.0) -> float:
    """Seconds until a post made now shows in the feed: behind whatever the build still has
    queued, so in the split build it is the time its consumers need to catch up."""
    start = time.monotonic()
    created = population.http.request(
        "POST", "/posts", json={"title": "drained?"}, headers=population.auth()
    )
    created.raise_for_status()
    post_id = created.json()["id"]
    while time.monotonic() - start < timeout:
        feed = population.http.request("GET", "/posts", params={"page_size": 20})
        if feed.status_code == 200 and any(p["id"] == post_id for p in feed.json()["results"]):
            break
        time.sleep(0.05)
    return time.monotonic() - start


def constant(base_url: str, population: Population, seconds: float) -> dict:
    """The ceiling's view read back to back: as fast as a request can be answered here, and
    about as much as one wrk thread offers beside it."""
    return wrk.run(base_url, population, seconds=seconds, shares={}).summary()
