"""How cost grows with the data: both builds seeded with bulk SQL at each size (seed.py), then
the same reads and writes measured at each, so a page that gets slower as posts pile up
shows as a line that climbs.

At each size, on fresh databases:

- both builds start empty, and are seeded while they run (the split build's consumers are
  told first that they have handled everything, so none replays what is seeded);
- the split build's query service is stopped, its database wiped and migrated, and rebuilt
  by replaying the event store (`catchup`): events applied per second;
- posts are written while it is still down, then it is started: how long until the feed
  shows the last of them;
- then, in each build: the first feed page, a deep page reached with a cursor (`min(500,000,
  size - 20)` posts back) and the comments of the post there, each timed one request after
  another and then read closed loop with wrk straight to the process that answers it; and
  `POST /posts`, timed one after another.
"""

from __future__ import annotations

import platform
import re
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from psycopg import sql

from bench.compare import seed, wrk
from bench.compare.builds import Build, start_builds
from bench.compare.resources import CpuMeter, leader_pids, machine
from bench.compare.stats import latency_ms, spread_tree
from bench.compare.workload import Http, Population
from common.feed.paging import Cursor
from tests.support.databases import PostgresDatabases
from tests.support.targets import SplitTarget

PAGE_SIZE = 20
#: The deep page starts this many posts back, or at the last full page of a smaller feed.
DEEPEST = 500_000
READS = ("first_page", "deep_page", "comments")
#: Requests sent before a figure's timed ones: connections opened, caches warm.
WARM_UP = 5
#: The longest the feed may take to show the posts written while the query service was down.
CATCH_UP_TIMEOUT = 600.0


@dataclass
class ScaleSettings:
    sizes: tuple[int, ...]
    repeats: int
    #: Requests timed one after another for each latency figure.
    requests: int
    #: Seconds of each closed-loop run (wrk).
    seconds: float
    #: Posts written while the query service is down.
    outage_posts: int


def deep_position(posts: int) -> int:
    """How many posts back the deep page starts: half a million at a million posts, the
    last full page of a smaller feed."""
    if posts <= PAGE_SIZE:
        raise ValueError(f"the scale section needs more than {PAGE_SIZE} posts")
    return min(DEEPEST, posts - PAGE_SIZE)


def run(
    settings: ScaleSettings,
    *,
    workdir: Path,
    postgres_url: str,
    redis_url: str,
    mode: str,
    progress: Callable[[str], None],
) -> dict:
    started = time.time()
    stopping: list[Future] = []
    # Each size's builds are stopped and their databases dropped while the next size's
    # start: stopping is seconds of waiting that need not hold the run up.
    with ThreadPoolExecutor(1, thread_name_prefix="teardown") as teardowns:

        def later(work: Callable[[], None]) -> None:
            stopping.append(teardowns.submit(work))

        runs = {
            str(size): one_size(
                size, settings, workdir / f"scale-{size}", postgres_url, redis_url, progress, later
            )
            for size in settings.sizes
        }
    for stopped in stopping:
        stopped.result()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "mode": mode,
        "minutes": round((time.time() - started) / 60, 1),
        "machine": {**machine(), "python": platform.python_version()},
        "settings": asdict(settings),
        "sizes": list(settings.sizes),
        "runs": runs,
    }


def one_size(
    size: int,
    settings: ScaleSettings,
    workdir: Path,
    postgres_url: str,
    redis_url: str,
    progress: Callable[[str], None],
    later: Callable = lambda work: work(),
) -> dict:
    """Both builds started on new databases, seeded with `size` posts, then measured; they
    are stopped and their databases dropped by `later(work)`."""
    started = time.monotonic()
    data = seed.Data(posts=size)
    progress(
        f"scale: {data.posts:,} posts, {data.comments:,} comments, {data.users:,} users "
        f"({data.events:,} events in the split build's store)"
    )
    postgres = PostgresDatabases(postgres_url)
    builds: list[Build] = []
    try:
        builds = start_builds(workdir, postgres, redis_url)
        monolith, split = builds
        seeding = seeded(monolith, split, data)
        progress(
            f"  seeded in {seeding['monolith']:.0f} s (monolith) and {seeding['split']:.0f} s "
            "(split: every service's database and the store)"
        )
        stored = seed.check_store(database_url(split, "eventbus"))
        for build in builds:
            build.population = Population(Http(build.target.url_for))
            build.population.prepare(1, 0, lambda post_id: True)
        rebuild = rebuilt(split)
        progress(
            f"  split: query service rebuilt from {stored:,} stored events: applied "
            f"{rebuild['events']:,} in {rebuild['seconds']:.1f} s, {rebuild['rate']:,.0f}/s"
        )
        deep = deep_position(size)
        reads = {build.name: read_paths(post_before(build, deep)) for build in builds}
        outage = caught_up(split, settings.outage_posts)
        progress(
            f"  split: {outage['posts']} posts written while the query service was down, all "
            f"in the feed {outage['seconds']:.1f} s after it was started "
            f"({outage['start_seconds']:.1f} s of which its start)"
        )
        seed.vacuum(database_url(split, "query"))
        for build in builds:
            check_reads(build, reads[build.name])
        repeats = [measure(builds, reads, settings, progress) for _ in range(settings.repeats)]
        megabytes = {
            "monolith": seed.database_megabytes(database_url(monolith)),
            "split": round(sum(map(seed.database_megabytes, split.target.database_urls.values()))),
            "split_store": seed.database_megabytes(database_url(split, "eventbus")),
        }
    finally:
        later(lambda: teardown(builds, postgres))
    figures = spread_tree(repeats)
    figures["split"].update(rebuild=rebuild, catch_up=outage)
    return {
        "posts": data.posts,
        "comments": data.comments,
        "users": data.users,
        "events": stored,
        "deep_position": deep,
        "seed_seconds": seeding,
        "database_mb": megabytes,
        "builds": figures,
        "minutes": round((time.monotonic() - started) / 60, 1),
    }


def teardown(builds: list[Build], postgres: PostgresDatabases) -> None:
    for build in builds:
        build.target.stop()
    postgres.drop_all()


def database_url(build: Build, service: str = "") -> str:
    """The monolith's database, or one service's of the split build."""
    if isinstance(build.target, SplitTarget):
        return build.target.database_urls[service]
    return build.target.processes[0].env["DATABASE_URL"]


def seeded(monolith: Build, split: Build, data: seed.Data) -> dict[str, float]:
    """Both builds seeded while they run; seconds each took."""
    password = seed.password_hash()
    start = time.monotonic()
    seed.execute(database_url(monolith), seed.monolith(data, password))
    middle = time.monotonic()
    for service, statements in seed.split(data, password).items():
        seed.execute(database_url(split, service), statements)
    end = time.monotonic()
    return {"monolith": round(middle - start, 1), "split": round(end - middle, 1)}


def rebuilt(build: Build) -> dict:
    """The query service stopped, its database wiped and migrated, then `catchup` timed: it
    replays every event of the types the service consumes. The service stays down."""
    target = build.target
    target.stop_service("query")
    target.wipe_database("query")
    target.migrate("query")
    start = time.monotonic()
    output = target.manage("query", "catchup")
    seconds = time.monotonic() - start
    found = re.search(r"applied (\d+) events", output)
    if found is None:
        raise RuntimeError(f"catchup said nothing of what it applied:\n{output}")
    applied = int(found.group(1))
    return {"events": applied, "seconds": round(seconds, 2), "rate": round(applied / seconds, 1)}


def caught_up(build: Build, posts: int) -> dict:
    """Posts written while the query service is down, then the service started: seconds
    until the feed shows the last of them."""
    population = build.population
    written = []
    for number in range(posts):
        created = population.http.request(
            "POST",
            "/posts",
            json={"title": f"while query was down {number}"},
            headers=population.auth(),
        )
        created.raise_for_status()
        written.append(created.json()["id"])
    start = time.monotonic()
    build.target.start_service("query")
    started = time.monotonic() - start
    while not newest_shows(population, written[-1]):
        if time.monotonic() - start > CATCH_UP_TIMEOUT:
            raise RuntimeError(f"the feed did not show post {written[-1]} after the outage")
        time.sleep(0.05)
    seconds = time.monotonic() - start
    return {
        "posts": posts,
        "start_seconds": round(started, 2),
        "seconds": round(seconds, 2),
        "rate": round(posts / seconds, 1),
    }


def newest_shows(population: Population, post_id: int) -> bool:
    response = population.http.request("GET", "/posts", params={"page_size": PAGE_SIZE})
    return response.status_code == 200 and any(
        post["id"] == post_id for post in response.json()["results"]
    )


def post_before(build: Build, position: int) -> tuple[int, datetime]:
    """The id and time of the post just before `position` in the feed's order (the newest
    is at 0), from the table the build's feed reads: the deep page is the one after it."""
    split = isinstance(build.target, SplitTarget)
    url = database_url(build, "query") if split else database_url(build)
    query = sql.SQL(
        "SELECT id, created_at FROM {} ORDER BY created_at DESC, id DESC OFFSET %s LIMIT 1"
    ).format(sql.Identifier("query_feedpost" if split else "posts_post"))
    with psycopg.connect(url) as conn:
        return conn.execute(query, [position - 1]).fetchone()


def read_paths(before: tuple[int, datetime]) -> dict[str, str]:
    """The three reads, as paths with their queries: the first page, the page after the
    post `before`, and the comments of that post."""
    post_id, created_at = before
    cursor = Cursor(created_at=created_at, id=post_id).encode()
    return {
        "first_page": f"/posts?{urlencode({'page_size': PAGE_SIZE})}",
        "deep_page": f"/posts?{urlencode({'cursor': cursor, 'page_size': PAGE_SIZE})}",
        "comments": f"/posts/{post_id}/comments",
    }


def check_reads(build: Build, reads: dict[str, str]) -> None:
    """Each read answers 200, each page of the feed is a full one, and the deep page holds
    none of the first page's posts (a cursor the build ignored would give it again)."""
    pages = {}
    for name, path in reads.items():
        response = build.population.http.request("GET", path)
        if response.status_code != 200:
            raise RuntimeError(
                f"{build.name}: GET {path} answered {response.status_code}: {response.text[:300]}"
            )
        if name != "comments":
            pages[name] = {post["id"] for post in response.json()["results"]}
            if len(pages[name]) != PAGE_SIZE:
                raise RuntimeError(f"{build.name}: GET {path} gave {len(pages[name])} posts")
    if pages["first_page"] & pages["deep_page"]:
        raise RuntimeError(f"{build.name}: the deep page repeats the first page's posts")


def measure(
    builds: list[Build],
    reads: dict[str, dict[str, str]],
    settings: ScaleSettings,
    progress: Callable[[str], None],
) -> dict:
    """One repeat: every read in both builds, one build after the other, then the writes."""
    figures: dict[str, dict] = {build.name: {} for build in builds}
    for read in READS:
        for build in builds:
            path = reads[build.name][read]
            figures[build.name][read] = {
                "latency_ms": one_by_one(build, "GET", path, settings.requests),
                **closed_loop(build, path, settings.seconds),
            }
            found = figures[build.name][read]
            progress(
                f"  {build.name} {read}: p50/p99 {found['latency_ms']['p50']}/"
                f"{found['latency_ms']['p99']} ms, {found['rate']:,.0f}/s"
            )
    for build in builds:
        figures[build.name]["write"] = {
            "latency_ms": one_by_one(build, "POST", "/posts", settings.requests)
        }
        latency = figures[build.name]["write"]["latency_ms"]
        progress(f"  {build.name} POST /posts: p50/p99 {latency['p50']}/{latency['p99']} ms")
    return figures


def one_by_one(build: Build, method: str, path: str, count: int) -> dict:
    """Latency of `count` requests sent one after another, after a few untimed ones."""
    population = build.population
    times = []
    for number in range(WARM_UP + count):
        body = {"json": {"title": f"scale write {number}"}} if method == "POST" else {}
        headers = population.auth() if method == "POST" else {}
        start = time.perf_counter()
        response = population.http.request(method, path, headers=headers, **body)
        elapsed = time.perf_counter() - start
        if response.status_code not in (200, 201):
            raise RuntimeError(f"{build.name}: {method} {path} answered {response.status_code}")
        if number >= WARM_UP:
            times.append(elapsed)
    return latency_ms(times)


def closed_loop(build: Build, path: str, seconds: float) -> dict:
    """The read alone, closed loop (wrk, 8 connections), straight to the process that
    answers it; with what the build, and PostgreSQL with Redis, spent per request."""
    base_url = build.target.url_for("GET", path).removesuffix(path)
    with CpuMeter(leader_pids(build.target)) as cpu:
        loop = wrk.run(base_url, build.population, seconds=seconds, shares={"feed": 1.0}, read=path)
    answered = max(1, loop.requests - loop.non_2xx)
    return {
        "rate": round(loop.rate, 1),
        "error_rate": round(loop.error_rate, 4),
        "cpu_ms_per_request": round(cpu.stack_seconds * 1000 / answered, 3),
        "database_cpu_ms_per_request": round(cpu.infrastructure_seconds * 1000 / answered, 3),
    }
