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
#: The ids `continue_ids` leaves free for the old owner's writes during a flip (its default).
GAP = 1000
#: Each flip: what flipped, seconds it took, requests in flight meanwhile.
FLIPS: list[figures.FlipFigures] = []
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
    FLIPS.append(
        figures.FlipFigures(label, round(ended - started, 3), load.in_flight(started, ended))
    )


def answered_by(road, method_path: str) -> str:
    """Which upstream answered the latest such request, from the gateway's access log."""
    lines = (road.gateway.home / "access.log").read_text().splitlines()
    line = next(line for line in reversed(lines) if re.search(f'"{method_path}[ ?]', line))
    return re.search(r'" [0-9]{3} [a-z]+=(\S+) ', line).group(1)


def monolith_rows(road, query: str) -> list[tuple]:
    with psycopg.connect(road.database_url) as conn:
        return conn.execute(query).fetchall()


def wait_for_rows(road, query: str, timeout: float = 30) -> None:
    """Until the monolith's copy holds what `query` finds: copies follow by catch-up."""
    deadline = time.monotonic() + timeout
    while not monolith_rows(road, query):
        assert time.monotonic() < deadline, f"nothing for {query} after {timeout} s"
        time.sleep(0.5)


def highest_id(road, table: str, service: str | None = None) -> int:
    """The table's highest id: in the monolith's database, or in `service`'s."""
    database_url = road.split.database_urls[service] if service else road.database_url
    with psycopg.connect(database_url) as conn:
        return conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]


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
    road.start_service("query", TANDEM_POSTS_URL=road.gateway.internal_url)
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
    post = write_post(road, auth, "judged")
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


def wait_ready(road, publisher: str, consumer: str, *extra: str) -> None:
    """The operator's check that `consumer` has caught up with what `publisher` recorded."""
    ready = road.migration(
        "ready",
        "--publisher",
        publisher,
        "--consumer",
        consumer,
        "--wait",
        str(CATCH_UP_SECONDS),
        *extra,
    )
    assert ready.returncode == 0, ready.stdout + ready.stderr


def take_over(road, load, service: str, model: str, moved_out: str, label: str) -> None:
    """Steps 4 and 5: the service copies the monolith's rows from the store; once it has
    caught up, the monolith keeps copies of the service's rows; the service's ids continue
    past the monolith's; the route flips."""
    env = {"TANDEM_TAKING_OVER": "1"}
    if service == "comments":
        env["TANDEM_POSTS_URL"] = road.gateway.internal_url
    road.start_service(service, **env)
    wait_ready(road, road.monolith_url("a"), road.service_url(service))
    road.restart_monolith(TANDEM_MOVED_OUT=moved_out)
    continued = road.split.manage(service, "continue_ids", model)
    assert "new ids start at" in continued, continued
    flip(road, load, service, road.address_of(service), label)


def test_step_4_comments_move_to_their_service(road, load, tmp_path):
    since = time.monotonic()
    before = highest_id(road, "comments_comment")
    take_over(road, load, "comments", "comments.Comment", "comments", "comments to their service")

    auth = probe_user(road)
    post = write_post(road, auth)
    path = f"/posts/{post.json()['id']}/comments"
    written = requests.post(
        f"{road.gateway.base_url}{path}", json={"content": "new"}, headers=auth, timeout=10
    )
    assert written.status_code == 201 and written.json()["id"] > before + GAP, written.text
    assert answered_by(road, f"POST {path}") == road.address_of("comments")
    suite_passes(road, load, tmp_path / "suite.log")
    step = figures.measure("4: comments from their service", load, since, road.pids())
    step.moderation_lag_s = figures.moderation_lag(road.gateway.base_url, auth)
    FIGURES.append(step)


def test_step_4_rolls_back_and_is_redone(road, load):
    """Comments back to the monolith: what the service wrote meanwhile reaches the monolith's
    copy, and the monolith's ids continue past it; then forward again, the same way."""
    auth = probe_user(road)
    post = write_post(road, auth)
    path = f"{road.gateway.base_url}/posts/{post.json()['id']}/comments"

    def comment(content: str) -> int:
        written = requests.post(path, json={"content": content}, headers=auth, timeout=10)
        assert written.status_code == 201, written.text
        return written.json()["id"]

    by_service = comment("written by the service")
    wait_ready(road, road.service_url("comments"), road.monolith_url("a"))
    road.manage("continue_ids", "comments.Comment")
    flip(road, load, "comments", MONOLITH, "comments back to the monolith")
    by_monolith = comment("written by the monolith again")
    assert answered_by(road, "POST /posts/[0-9]+/comments") != road.address_of("comments")
    # The service's last comments reach the monolith's copy once settled, as documented.
    wait_for_rows(road, f"SELECT 1 FROM comments_comment WHERE id = {by_service}")
    assert by_monolith > highest_id(road, "comments_comment", service="comments")

    wait_ready(road, road.monolith_url("a"), road.service_url("comments"))
    road.split.manage("comments", "continue_ids", "comments.Comment")
    flip(road, load, "comments", road.address_of("comments"), "comments to their service again")
    assert comment("written by the service again") > highest_id(road, "comments_comment")
    assert answered_by(road, "POST /posts/[0-9]+/comments") == road.address_of("comments")


def test_step_5_posts_move_to_their_service(road, load, tmp_path):
    since = time.monotonic()
    before = highest_id(road, "posts_post")
    take_over(road, load, "posts", "posts.Post", "comments,posts", "posts to their service")

    auth = probe_user(road)
    post = write_post(road, auth)
    assert post.status_code == 201 and post.json()["id"] > before + GAP, post.text
    assert answered_by(road, "POST /posts") == road.address_of("posts")
    # The query service asks the new owner about a post its events have not brought yet.
    token = {"Consistency-Token": post.headers["Consistency-Token"]}
    read = requests.get(f"{road.gateway.base_url}/posts", headers=auth | token, timeout=10)
    assert read.status_code == 200, read.text
    assert post.json()["id"] in [p["id"] for p in read.json()["results"]], read.text
    suite_passes(road, load, tmp_path / "suite.log")
    step = figures.measure("5: posts from their service", load, since, road.pids())
    step.feed_lag_s = figures.feed_lag(road.gateway.base_url, road.service_url("query"), auth)
    FIGURES.append(step)


def test_step_6_users_move_by_a_table_copy(road, load, tmp_path):
    since = time.monotonic()
    road.start_service("users")
    copied = road.split.manage("users", "copy_users", "--source", road.database_url)
    assert "0 conflicts" in copied, copied
    road.restart_monolith(TANDEM_MOVED_OUT="comments,posts,users")
    flip(road, load, "users", road.address_of("users"), "users to their service")
    # Sign-ups the monolith took between the copy and the flip.
    again = road.split.manage("users", "copy_users", "--source", road.database_url)
    assert "0 conflicts" in again, again

    before = highest_id(road, "users_user")
    credentials = {"username": f"after{time.monotonic_ns()}", "password": "a long password"}
    signed_up = requests.post(f"{road.gateway.base_url}/users/signup", json=credentials, timeout=10)
    assert signed_up.status_code == 201 and signed_up.json()["id"] > before, signed_up.text
    assert answered_by(road, "POST /users/signup") == road.address_of("users")
    suite_passes(road, load, tmp_path / "suite.log")
    FIGURES.append(figures.measure("6: users from their service", load, since, road.pids()))


def test_step_7_the_monolith_is_retired(road, load, tmp_path):
    since = time.monotonic()
    listed = road.migration("routes", "--table", str(road.gateway.routes_file))
    assert MONOLITH not in listed.stdout, listed.stdout
    # Its last facts delivered, and every verdict on its own comments applied.
    wait_ready(road, road.monolith_url("a"), road.monolith_url("a"))
    road.retire_monolith()
    let_load_run(load)
    suite_passes(road, load, tmp_path / "suite.log")
    FIGURES.append(figures.measure("7: the split build", load, since, road.pids()))


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
    for user_id, (username, password) in accepted.users.items():
        credentials = {"username": username, "password": password}
        signed_in = requests.post(
            f"{road.gateway.base_url}/users/signin", json=credentials, timeout=10
        )
        assert signed_in.status_code == 200, f"user {user_id} cannot sign in: {signed_in.text}"
        assert signed_in.json()["user"]["id"] == user_id
    assert not load.failures(), load.failures()[:10]
    report(tmp_path)


def write_post(road, auth: dict[str, str], title: str = "t") -> requests.Response:
    """A post written through the gateway by the user `auth` signs in."""
    return requests.post(
        f"{road.gateway.base_url}/posts", json={"title": title}, headers=auth, timeout=10
    )


def probe_user(road) -> dict[str, str]:
    credentials = {"username": f"probe{time.monotonic_ns()}", "password": "a long probe password"}
    base = road.gateway.base_url
    assert requests.post(f"{base}/users/signup", json=credentials, timeout=10).status_code == 201
    token = requests.post(f"{base}/users/signin", json=credentials, timeout=10).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def report(tmp_path) -> None:
    """The figures, printed (pytest -s shows them) and written as JSON."""
    path = Path(os.environ.get("TANDEM_ROAD_FIGURES") or tmp_path / "road-figures.json")
    figures.write(FIGURES, FLIPS, path)
    for flip_figures in FLIPS:
        print(flip_figures)
    for step in FIGURES:
        print(step)
    print(f"written to {path}")
