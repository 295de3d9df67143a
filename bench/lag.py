"""Write-to-visible lag and write throughput of both builds, measured side by side.

    python -m bench.lag [--samples 100] [--rounds 3] [--seconds 5]

Starts the monolith and the split stack on PostgreSQL (the split stack on the Redis at
--redis-url, under its own key prefix) and measures, for each build:

- post-to-feed lag, idle: one client writes a post, then reads the feed until it shows it;
- comment-to-final-status lag, idle: the same, until the comment's final status is in the feed;
- POST /posts requests/s with 8 clients (wrk), in alternating rounds, and how long the split
  stack takes to make a round's posts visible (its sustained rate);
- post-to-feed lag while posts arrive at half the split stack's sustained rate;
- POST /posts requests/s again, with the split stack's workers and relays stopped, so the
  posts service's own cost per write is compared with the monolith's, without the pipeline.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests

from bench import wrk
from bench.quick import sign_in
from tests.support.databases import PostgresDatabases
from tests.support.targets import MonolithTarget, SplitTarget, Target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Client:
    def __init__(self, target: Target, token: str):
        self.target = target
        self.session = requests.Session()
        self.auth = {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: dict) -> dict:
        url = self.target.url_for("POST", path)
        response = self.session.post(url, json=body, headers=self.auth, timeout=10)
        response.raise_for_status()
        return response.json()

    def newest(self, size: int = 1) -> dict:
        url = self.target.url_for("GET", "/posts")
        return self.session.get(url, params={"page_size": size}, timeout=10).json()

    def newest_post(self) -> dict:
        results = self.newest()["results"]
        return results[0] if results else {"id": None, "comments": []}

    def wait(self, seen, timeout: float = 30.0, interval: float = 0.0) -> float:
        """Polls `seen` (back to back by default, to time a lag) until it is true."""
        start = time.perf_counter()
        while not seen():
            if time.perf_counter() - start > timeout:
                raise TimeoutError("not visible in time")
            time.sleep(interval)
        return time.perf_counter()


def post_lag(client: Client, samples: int) -> list[float]:
    lags = []
    for n in range(samples):
        post = client.post("/posts", {"title": f"lag {n}"})
        written = time.perf_counter()
        seen = client.wait(lambda p=post: client.newest_post()["id"] == p["id"])
        lags.append((seen - written) * 1000)
    return lags


def comment_lag(client: Client, samples: int) -> list[float]:
    post = client.post("/posts", {"title": "comment lag"})
    client.wait(lambda: client.newest_post()["id"] == post["id"])
    lags = []
    for n in range(samples):
        text = f"comment {n} orange" if n % 2 else f"comment {n}"
        final = "rejected" if n % 2 else "approved"
        comment = None
        while comment is None:  # the comments service may not know the post for a moment
            try:
                comment = client.post(f"/posts/{post['id']}/comments", {"content": text})
            except requests.HTTPError:
                time.sleep(0.001)
        written = time.perf_counter()

        def final_in_feed(comment_id=comment["id"], final=final):
            comments = client.newest_post()["comments"]
            return any(c["id"] == comment_id and c["status"] == final for c in comments)

        lags.append((client.wait(final_in_feed) - written) * 1000)
    return lags


def lag_under_load(client: Client, rate: float, seconds: float) -> list[float]:
    """Posts at `rate` per second from a paced writer; a reader notes when each shows up."""
    written: dict[int, float] = {}
    seen: dict[int, float] = {}
    done = threading.Event()

    def writer():
        writer_client = Client(client.target, client.auth["Authorization"].split()[1])
        start = time.perf_counter()
        n = 0
        while time.perf_counter() - start < seconds:
            post = writer_client.post("/posts", {"title": f"load {n}"})
            written[post["id"]] = time.perf_counter()
            n += 1
            time.sleep(max(0.0, start + n / rate - time.perf_counter()))
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    # The reader pauses 5 ms between reads, so that it does not take the CPU the build needs.
    while not done.is_set() or len(seen) < len(written):
        for post in client.newest(50)["results"]:
            seen.setdefault(post["id"], time.perf_counter())
        time.sleep(0.005)
    thread.join()
    return [(seen[i] - written[i]) * 1000 for i in written if i in seen]


def paired_ratio(rates: dict[str, list[float]]) -> float:
    """Split over monolith, round by round (rounds ran back to back), then the median."""
    return statistics.median(s / m for s, m in zip(rates["split"], rates["monolith"], strict=True))


def post_rate(client: Client, seconds: int) -> wrk.Result:
    """POST /posts from 8 clients for `seconds`."""
    return wrk.run(
        client.target.url_for("POST", "/posts"),
        seconds=seconds,
        method="POST",
        body={"title": "throughput"},
        headers={**client.auth, "Content-Type": "application/json"},
    )


def quiesce(client: Client, timeout: float = 300) -> None:
    """Waits until the build has worked off any backlog: a fresh post is visible quickly."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if post_lag(client, 1)[0] < 200:
            return
        time.sleep(1)
    raise TimeoutError("the build did not settle")


def describe(name: str, lags: list[float]) -> str:
    return (
        f"{name:<44} p50 {statistics.median(lags):7.1f} ms   p99 {percentile(lags, 0.99):7.1f} ms"
        f"   (n={len(lags)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tandem-lag-"))
    databases = PostgresDatabases(options.postgres_url)
    common = {"database": "postgres", "postgres": databases}
    monolith = MonolithTarget("monolith", workdir=workdir / "monolith", **common)
    split = SplitTarget("split", workdir=workdir / "split", broker_url=options.redis_url, **common)
    (workdir / "monolith").mkdir()
    (workdir / "split").mkdir()
    report: list[str] = []
    try:
        print("starting both builds ...", flush=True)
        monolith.start()
        split.start()
        clients = {}
        for target in (monolith, split):
            base = target.url_for("POST", "/users/signin").rsplit("/users/signin", 1)[0]
            clients[target.name] = Client(target, sign_in(base))

        for name, client in clients.items():
            print(f"{name}: idle lags ...", flush=True)
            report.append(
                describe(f"{name} post-to-feed lag, idle", post_lag(client, options.samples))
            )
            report.append(
                describe(
                    f"{name} comment-to-final-status lag, idle",
                    comment_lag(client, options.samples),
                )
            )

        print("POST /posts throughput, alternating rounds ...", flush=True)
        rates: dict[str, list[float]] = {"monolith": [], "split": []}
        sustained: list[float] = []
        for number in range(options.rounds):
            for name, client in clients.items():
                before = client.newest()["count"]
                started = time.perf_counter()
                result = post_rate(client, options.seconds)
                client.wait(
                    lambda c=client, b=before, r=result: c.newest()["count"] >= b + r.requests,
                    timeout=300,
                    interval=0.1,
                )
                drained = time.perf_counter() - started
                rates[name].append(result.requests_per_second)
                if name == "split":
                    sustained.append(result.requests / drained)
                print(
                    f"  round {number + 1} {name:<8} {result.requests_per_second:7.0f} req/s "
                    f"(errors {result.errors}); all visible after {drained:5.1f} s",
                    flush=True,
                )
        report.append(
            f"POST /posts monolith {statistics.median(rates['monolith']):.0f} req/s, "
            f"split {statistics.median(rates['split']):.0f} req/s: split/monolith "
            f"{paired_ratio(rates):.0%} (median of paired rounds)"
        )
        rate = statistics.median(sustained)
        for name, client in clients.items():
            print(f"{name}: waiting until a new post shows within 200 ms ...", flush=True)
            quiesce(client)
        report.append(f"split sustained rate (posts made visible per second): {rate:.0f}")
        for name, client in clients.items():
            print(f"{name}: lag at {rate / 2:.0f} posts/s ...", flush=True)
            lags = lag_under_load(client, rate / 2, options.seconds * 2)
            report.append(describe(f"{name} post-to-feed lag at {rate / 2:.0f} posts/s", lags))

        print("POST /posts with the split stack's workers and relays stopped ...", flush=True)
        for label in [label for label in split.processes if not label.endswith(".web")]:
            split.processes.pop(label).stop()
        alone: dict[str, list[float]] = {"monolith": [], "split": []}
        for _ in range(options.rounds):
            for name, client in clients.items():
                alone[name].append(post_rate(client, options.seconds).requests_per_second)
        report.append(
            f"POST /posts, split pipeline stopped: monolith "
            f"{statistics.median(alone['monolith']):.0f} req/s, posts service "
            f"{statistics.median(alone['split']):.0f} req/s: {paired_ratio(alone):.0%}"
        )
    finally:
        split.stop()
        monolith.stop()
        databases.drop_all()
    print("\n" + "\n".join(report))


if __name__ == "__main__":
    main()
