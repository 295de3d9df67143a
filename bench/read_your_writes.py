"""What read-your-writes costs in the split build: a client writes a post, then at once
comments on it and reads the feed, the way a person does.

    python -m bench.read_your_writes [--rounds 200] [--postgres-url ...] [--redis-url ...]

It starts the split build (on PostgreSQL) and, for each round, times: a comment on a post the
comments service has long known (the common path), the first comment on a post written a
moment before (until its 201, following 404s as an old client had to), the author's feed
read after the write (with the Consistency-Token the write answered with; a build without
it ignores the header) and a comment on an id that never existed. It prints medians and
p99s, in milliseconds, as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from tests.behaviour.client import Api
from tests.support.databases import PostgresDatabases
from tests.support.targets import SplitTarget


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p99": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "n": len(ordered),
    }


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def until_created(call) -> tuple[float, int]:
    """Milliseconds until `call` answers other than 404, and how many 404s came first."""
    started, refused = time.perf_counter(), 0
    while (response := call()).status_code == 404:
        refused += 1
        time.sleep(0.002)
    assert response.status_code == 201, response.text
    return (time.perf_counter() - started) * 1000, refused


def measure(api: Api, rounds: int) -> dict:
    author, reader = api.new_user("ryw"), api.new_user("ryw")
    known = api.create_post(author, "known")
    time.sleep(1)  # long since announced to every service
    figures: dict[str, list[float]] = {"known": [], "first": [], "feed": [], "never": []}
    refusals = feed_misses = 0
    for n in range(rounds):
        figures["known"].append(
            timed(
                lambda: api.post(
                    f"/posts/{known['id']}/comments", json={"content": "k"}, headers=reader.auth
                )
            )[0]
        )
        created = api.post("/posts", json={"title": f"fresh {n}"}, headers=author.auth)
        post_id, token = created.json()["id"], created.headers.get("Consistency-Token")
        headers = {"Consistency-Token": token} if token else {}
        ms, page = timed(lambda h=headers: api.get("/posts", params={"page_size": 20}, headers=h))
        figures["feed"].append(ms)
        feed_misses += post_id not in [p["id"] for p in page.json()["results"]]
        ms, refused = until_created(
            lambda p=post_id: api.post(
                f"/posts/{p}/comments", json={"content": "first"}, headers=reader.auth
            )
        )
        figures["first"].append(ms)
        refusals += refused
        figures["never"].append(timed(lambda: api.get("/posts/987654321/comments"))[0])
    return {
        "comment on a known post": percentiles(figures["known"]),
        "first comment on a new post, until 201": percentiles(figures["first"]),
        "404s before that 201, in all": refusals,
        "feed read by the author right after the write": percentiles(figures["feed"]),
        "author's reads that missed the new post": feed_misses,
        "404 for a post that never existed": percentiles(figures["never"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    options = parser.parse_args()
    postgres = PostgresDatabases(options.postgres_url)
    with tempfile.TemporaryDirectory(prefix="tandem-ryw-") as workdir:
        target = SplitTarget(
            "split",
            workdir=Path(workdir),
            database="postgres",
            postgres=postgres,
            broker_url=options.redis_url,
        )
        try:
            with target.running():
                api = Api(target.url_for, settle_timeout=target.settle_timeout)
                print(json.dumps(measure(api, options.rounds), indent=1))
        finally:
            postgres.drop_all()


if __name__ == "__main__":
    main()
