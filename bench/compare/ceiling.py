"""The ceilings the builds are read against, measured in the same run: a bare Django view
returning a constant under the same gunicorn settings, and one Celery task round trip on
the same Redis."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from bench.compare.ping import configure, ping
from bench.compare.stats import latency_ms
from tests.support.processes import PYTHON, Process, free_port, python_env, wait_until_healthy
from tests.support.targets import gunicorn_args


def start_constant_view(workdir: Path) -> tuple[Process, str]:
    port = free_port()
    args = gunicorn_args("bench.ceiling:application", port)
    process = Process("ceiling", args, python_env(), workdir / "ceiling.log").start()
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(f"{url}/health", process)
    return process, url


def celery_round_trip(workdir: Path, broker_url: str, count: int) -> dict:
    """Sends `count` no-op tasks one after another and times each until its result is back."""
    prefix = f"bench-ping-{uuid.uuid4().hex[:8]}:"
    env = python_env(BENCH_BROKER_URL=broker_url, BENCH_PREFIX=prefix)
    worker = Process(
        "ping-worker",
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "bench.compare.ping",
            "worker",
            "-Q",
            "bench-ping",
            "--pool=prefork",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env,
        workdir / "ping-worker.log",
    ).start()
    configure(broker_url, prefix)
    try:
        ping.delay().get(timeout=60)  # the worker is up once it answers
        times = []
        for _ in range(count):
            start = time.perf_counter()
            ping.delay().get(timeout=10)
            times.append(time.perf_counter() - start)
    finally:
        worker.stop()
    return latency_ms(times)
