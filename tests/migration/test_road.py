"""The road from the monolith to the split build, walked step by step on PostgreSQL under a
steady load through the gateway (docs/migration.md). The tests run in order, each one step.

At every step the behavioural suite passes through the gateway, unchanged, beside the load
(which writes no posts meanwhile: tests/migration/load.py says why). At the end, every
write the API accepted at any step is in the split build's feed exactly once, with its id,
its author and its final moderation status (a comment answered `pending` once moderation
has moved out ends as the rules decide); and no request got a 5xx or went unanswered, the
rolling restart and every route flip included.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

from tests.migration import figures
from tests.migration.conftest import SEEDED
from tests.support.hybrid import MONOLITH
from tests.support.through_origin import run_behaviour_suite

#: What the operator's readiness check and the tests wait for, at most.
CATCH_UP_SECONDS = 180
#: Each flip: (what flipped, seconds it took, requests in flight meanwhile).
FLIPS: list[tuple[str, float, int]] = []
#: What each step cost (tests/migration/figures.py); written where TANDEM_ROAD_FIGURES says.
FIGURES: list[figures.StepFigures] = []


def suite_passes(road, load, log) -> None:
    with load.without_new_posts():
        status, output = run_behaviour_suite(
            road.gateway.base_url, road.split.token_key, log, settle_timeout=30
        )
    assert status == 0, output


def let_load_run(load, requests_more: int = 50, timeout: float = 60) -> None:
    target = load.count() + requests_more
    deadline = time.monotonic() + timeout
    while load.count() < target and time.monotonic() < deadline:
        time.sleep(0.2)
    assert load.count() >= target, "the steady load stalled"


def flip(road, load, service: str, address: str, label: str) -> None:
    started = time.monotonic()
    flipped = road.route(service, address)
    ended = time.monotonic()
    assert flipped.returncode == 0, flipped.stderr
    let_load_run(load)  # requests that went through the new route
    FLIPS.append((label, ended - started, load.in_flight(started, ended)))


def answered_by(road, method_path: str) -> str:
    """Which upstream answered the latest such request, from the gateway's access log."""
    lines = (road.gateway.home / "access.log").read_text().splitlines()
    line = next(line for line in reversed(lines) if re.search(f'"{method_path}[ ?]', line))
    return re.search(r'" [0-9]{3} [a-z]+=(\S+) ', line).group(1)


def monolith_rows(road, query: str) -> list[tuple]:
    with psycopg.connect(road.database_url) as conn:
        return conn.execute(query).fetchall()


def expected_facts(road) -> set[tuple[str, int, int]]:
    """The facts of every row the monolith holds now."""
    users = monolith_rows(road, "SELECT id FROM users_user")
    posts = monolith_rows(road, "SELECT id FROM posts_post")
    comments = monolith_rows(road, "SELECT id FROM comments_comment")
    return {
        *(("UserRegistered", row[0], 1) for row in users),
        *(("PostCreated", row[0], 1) for row in posts),
        *(("CommentCreated", row[0], 1) for row in comments),
        *(("CommentUpdated", row[0], 2) for row in comments),
    }


def stored_facts(road) -> Counter:
    types = "UserRegistered,PostCreated,CommentCreated,CommentUpdated"
    return Counter(
        (e["type"], e["aggregate"]["id"], e["aggregate"]["version"])
        for e in (stored["event"] for stored in road.split.bus_events(types=types))
    )


def test_step_0_the_gateway_sends_every_path_to_the_monolith(road, load, tmp_path):
    listed = road.migration("routes", "--table", str(road.gateway.routes_file))
    assert listed.returncode == 0, listed.stderr
    assert {line.split()[1] for line in listed.stdout.splitlines()} == {MONOLITH}
    since = time.monotonic()
    let_load_run(load)
    suite_passes(road, load, tmp_path / "suite.log")
    FIGURES.append(figures.measure("0: the monolith behind the gateway", load, since, road.pids()))


def test_step_1_the_monolith_publishes_its_facts_and_its_past(road, load, tmp_path):
    refused = road.migration("route", "query", "nowhere", "--table", str(road.gateway.routes_file))
    assert refused.returncode == 2 and "host:port" in refused.stderr

    since = time.monotonic()
    road.start_service("eventbus")
    road.restart_monolith(TANDEM_PUBLISH_EVENTS="1")
    first = road.manage("publish_existing")
    let_load_run(load)
    second = road.manage("publish_existing")

    assert all(line.endswith(" 0 new events") for line in second.splitlines()), second
    assert "new events" in first
    wanted = expected_facts(road)
    deadline = time.monotonic() + CATCH_UP_SECONDS
    while not wanted <= set(stored := stored_facts(road)) and time.monotonic() < deadline:
        time.sleep(1)
    missing = wanted - set(stored)
    assert not missing, f"{len(missing)} facts never reached the store, e.g. {sorted(missing)[:5]}"
    doubled = [fact for fact, count in stored.items() if count > 1]
    assert not doubled, f"facts stored twice: {doubled[:5]}"
    suite_passes(road, load, tmp_path / "suite.log")
    FIGURES.append(figures.measure("1: the monolith publishes", load, since, road.pids()))


def test_step_2_the_feed_moves_to_the_query_service(road, load, tmp_path):
    since = time.monotonic()
    road.start_service("query", TANDEM_POSTS_URL=road.monolith_url("a"))
    ready = road.migration(
        "ready",
        "--publisher",
        road.monolith_url("a"),
        "--consumer",
        road.service_url("query"),
        "--wait",
        str(CATCH_UP_SECONDS),
    )
    assert ready.returncode == 0, ready.stdout + ready.stderr

    flip(road, load, "query", road.address_of("query"), "feed to the query service")

    assert answered_by(road, "GET /posts") == road.address_of("query")
    suite_passes(road, load, tmp_path / "suite.log")
    step = figures.measure("2: the feed from the query service", load, since, road.pids())
    step.feed_lag_s = figures.feed_lag(
        road.gateway.base_url, road.service_url("query"), probe_user(road)
    )
    FIGURES.append(step)


def test_step_2_rolls_back_and_is_redone(road, load):
    flip(road, load, "query", MONOLITH, "feed back to the monolith")
    assert answered_by(road, "GET /posts") != road.address_of("query")
    flip(road, load, "query", road.address_of("query"), "feed to the query service again")
    assert answered_by(road, "GET /posts") == road.address_of("query")


def test_step_3_moderation_moves_to_its_service(road, load, tmp_path):
    since = time.monotonic()
    road.start_service("moderation")
    ready = road.migration(
        "ready",
        *("--publisher", road.monolith_url("a"), "--consumer", road.service_url("moderation")),
        *("--wait", str(CATCH_UP_SECONDS)),
    )
    assert ready.returncode == 0, ready.stdout + ready.stderr

    road.restart_monolith(TANDEM_MODERATION_IN_WRITE="0")

    auth = probe_user(road)
    post = requests.post(f"{road.gateway.base_url}/posts", json={"title": "judged"}, headers=auth)
    answered = requests.post(
        f"{road.gateway.base_url}/posts/{post.json()['id']}/comments",
        json={"content": "judged by the service"},
        headers=auth,
        timeout=10,
    )
    assert answered.json()["status"] == "pending"
    suite_passes(road, load, tmp_path / "suite.log")
    step = figures.measure("3: moderation by its service", load, since, road.pids())
    step.moderation_lag_s = figures.moderation_lag(road.gateway.base_url, auth)
    FIGURES.append(step)


def final_status(content: str, answered: str) -> str:
    """What a comment ends as: as answered, or, answered pending, what the rules decide."""
    if answered != "pending":
        return answered
    return "rejected" if "orange" in content else "approved"


def test_every_accepted_write_is_in_the_split_feed_once(road, load, tmp_path):
    load.stop()
    accepted = load.accepted
    query = road.service_url("query")

    def feed() -> dict[int, list[dict]]:
        seen: dict[int, list[dict]] = {}
        path = "/posts?page_size=100"
        while path:
            page = requests.get(f"{query}{path}", timeout=30).json()
            for post in page["results"]:
                seen.setdefault(post["id"], []).append(post)
            path = page["next"]
        return seen

    deadline = time.monotonic() + CATCH_UP_SECONDS
    while True:
        seen = feed()
        comments = {c["id"]: c for copies in seen.values() for c in copies[0]["comments"]}
        settled = set(accepted.posts) <= set(seen) and all(
            comments.get(i, {}).get("status") == final_status(content, status)
            for i, (_, content, status) in accepted.comments.items()
        )
        if settled or time.monotonic() > deadline:
            break
        time.sleep(1)

    assert all(len(copies) == 1 for copies in seen.values()), "a post shows twice"
    assert set(range(1, SEEDED.posts + 1)) <= set(seen), "seeded posts are missing"
    for post_id, (title, author_id) in accepted.posts.items():
        post = seen[post_id][0]
        assert (post["title"], post["author"]["id"]) == (title, author_id)
    for comment_id, (post_id, content, status) in accepted.comments.items():
        comment = comments[comment_id]
        assert (comment["post_id"], comment["content"]) == (post_id, content)
        expected = final_status(content, status)
        assert comment["status"] == expected, f"comment {comment_id} is {comment['status']}"
    assert accepted.posts and accepted.comments and accepted.users
    assert not load.failures(), load.failures()[:10]
    report(tmp_path)


def probe_user(road) -> dict[str, str]:
    credentials = {"username": f"probe{time.monotonic_ns()}", "password": "a long probe password"}
    base = road.gateway.base_url
    assert requests.post(f"{base}/users/signup", json=credentials, timeout=10).status_code == 201
    token = requests.post(f"{base}/users/signin", json=credentials, timeout=10).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def report(tmp_path) -> None:
    """The figures, printed (pytest -s shows them) and written as JSON."""
    path = Path(os.environ.get("TANDEM_ROAD_FIGURES") or tmp_path / "road-figures.json")
    figures.write(FIGURES, path)
    print("\nflips (what, seconds, requests in flight):", FLIPS)
    for step in FIGURES:
        print(step)
    print(f"written to {path}")
