"""A quick side-by-side measure of the monolith against the ceiling, on PostgreSQL.

    python -m bench.quick [--rounds 3] [--seconds 5]

It starts a bare DRF view and the monolith under the same gunicorn settings, then alternates
them in rounds, so both see the same machine; it prints the median of the rounds with min
and max. The full comparison of both builds lives in the comparison bench.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

import requests

from bench import wrk
from tests.support.databases import PostgresDatabases
from tests.support.processes import Process, free_port, python_env, wait_until_healthy
from tests.support.targets import MonolithTarget, gunicorn_args


def start_ceiling(workdir: Path, threads: int) -> tuple[Process, str]:
    port = free_port()
    args = gunicorn_args("bench.ceiling:application", port, threads=threads)
    process = Process("ceiling", args, python_env(), workdir / "ceiling.log").start()
    url = f"http://127.0.0.1:{port}"
    wait_until_healthy(f"{url}/health", process)
    return process, url


def seed_feed(base_url: str, token: str, posts: int, comments_each: int) -> None:
    session, auth = requests.Session(), {"Authorization": f"Bearer {token}"}
    for n in range(posts):
        post = session.post(f"{base_url}/posts", json={"title": f"post {n}"}, headers=auth).json()
        for m in range(comments_each):
            session.post(
                f"{base_url}/posts/{post['id']}/comments",
                json={"content": f"comment {m}"},
                headers=auth,
            ).raise_for_status()


def sign_in(base_url: str) -> str:
    credentials = {"username": "bencher", "password": "bench password"}
    requests.post(f"{base_url}/users/signup", json=credentials, timeout=10)
    return requests.post(f"{base_url}/users/signin", json=credentials, timeout=10).json()["token"]


def rounds(count: int, measures: dict[str, Callable[[], wrk.Result]]) -> dict[str, list]:
    results: dict[str, list] = {name: [] for name in measures}
    for number in range(1, count + 1):
        for name, measure in measures.items():
            result = measure()
            results[name].append(result)
            print(
                f"  round {number} {name:<24} {result.requests_per_second:8.0f} req/s "
                f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms  "
                f"errors {result.errors}",
                flush=True,
            )
    return results


def summary(name: str, results: list[wrk.Result]) -> str:
    rates = [r.requests_per_second for r in results]
    p50s = [r.p50_ms for r in results]
    return (
        f"{name:<38} {statistics.median(rates):8.0f} req/s ({min(rates):.0f}-{max(rates):.0f})"
        f"   p50 {statistics.median(p50s):6.2f} ms ({min(p50s):.2f}-{max(p50s):.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--threads", type=int, default=4, help="per worker; 1 = sync workers")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    databases = PostgresDatabases(options.postgres_url)
    monolith = MonolithTarget(
        "monolith",
        workdir=workdir,
        database="postgres",
        postgres=databases,
        threads=options.threads,
    )
    ceiling = None
    try:
        ceiling, ceiling_url = start_ceiling(workdir, options.threads)
        monolith.start()
        base = monolith.base_url
        token = sign_in(base)
        print("seeding 100 posts with 5 comments each ...", flush=True)
        seed_feed(base, token, posts=100, comments_each=5)

        def measure(url, connections=8, **kwargs):
            return lambda: wrk.run(url, seconds=options.seconds, connections=connections, **kwargs)

        print("reads, one client at a time (latency):", flush=True)
        reads = rounds(
            options.rounds,
            {
                "ceiling GET /constant": measure(f"{ceiling_url}/constant", connections=1),
                "GET /posts (20 of 100x5)": measure(f"{base}/posts", connections=1),
                "GET /posts?page_size=100": measure(f"{base}/posts?page_size=100", connections=1),
            },
        )
        print("writes, 8 clients at once (throughput):", flush=True)
        writes = rounds(
            options.rounds,
            {
                "ceiling GET /constant": measure(f"{ceiling_url}/constant"),
                "POST /posts": measure(
                    f"{base}/posts",
                    method="POST",
                    body={"title": "bench post"},
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                ),
            },
        )
        print("\nmedian of rounds (min-max):")
        for label, group in (("1 client", reads), ("8 clients", writes)):
            for name, results in group.items():
                print(summary(f"{name} [{label}]", results))
        ratio = statistics.median(
            w.requests_per_second / c.requests_per_second
            for w, c in zip(writes["POST /posts"], writes["ceiling GET /constant"], strict=True)
        )
        print(f"POST /posts as a share of the ceiling, median of paired rounds: {ratio:.0%}")
    finally:
        monolith.stop()
        if ceiling is not None:
            ceiling.stop()
        databases.drop_all()


if __name__ == "__main__":
    main()
