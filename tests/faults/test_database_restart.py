"""Fault 9: PostgreSQL restarts while a build is idle, and is down for a while, in either
build (on a PostgreSQL server of the test's own)."""

import time

import pytest

from tests.behaviour.client import Api, User, eventually
from tests.faults.conftest import FAULT_ENV
from tests.faults.observe import assert_feed_is_exactly
from tests.support.databases import PostgresDatabases
from tests.support.postgres_server import PostgresServer
from tests.support.targets import MonolithTarget, SplitTarget


@pytest.fixture
def own_postgres():
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def target(request, tmp_path, own_postgres, redis_server):
    databases = PostgresDatabases(own_postgres.admin_url)
    common = {"settle_timeout": 60, "workdir": tmp_path, "database": "postgres"}
    if request.param == "monolith":
        target = MonolithTarget("monolith", postgres=databases, **common)
    else:
        target = SplitTarget(
            "split", postgres=databases, broker_url=redis_server.url, env=FAULT_ENV, **common
        )
    with target.running():
        yield target


def a_post_in_the_feed(target, record, title: str) -> tuple[Api, User, dict]:
    """A writer and one post of theirs the feed already shows, before the fault."""
    record.build = target.name
    api = Api(target.url_for, settle_timeout=target.settle_timeout)
    writer = api.new_user("writer")
    before = api.create_post(writer, title)
    api.wait_for_post(before["id"])
    return api, writer, before


@pytest.mark.parametrize("target", ["monolith", "split"], indirect=True)
def test_a_quiet_restart_heals_by_itself(target, own_postgres, record):
    api, writer, before = a_post_in_the_feed(target, record, "before the restart")
    time.sleep(2)  # idle: every process holds a connection it used a while ago
    own_postgres.restart()

    created = api.post("/posts", json={"title": "after the restart"}, headers=writer.auth)
    assert created.status_code == 201, created.text
    with record.healing():
        assert_feed_is_exactly(api, [before["id"], created.json()["id"]], timeout=10)
    record.during = "PostgreSQL restarted while nothing happened; the next write got its 201"
    record.after = (
        f"the write was in the feed {record.heal_seconds} s later, with no process restarted"
    )


@pytest.mark.parametrize("target", ["monolith", "split"], indirect=True)
def test_a_database_that_is_down_is_a_quick_503_and_nothing_is_lost(target, own_postgres, record):
    api, writer, before = a_post_in_the_feed(target, record, "before the outage")
    own_postgres.stop()

    slowest = 0.0
    for call in (
        lambda: api.post("/posts", json={"title": "during"}, headers=writer.auth),
        lambda: api.get("/posts"),
        lambda: api.get(f"/posts/{before['id']}/comments"),
    ):
        started = time.monotonic()
        response = call()
        slowest = max(slowest, time.monotonic() - started)
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "service_unavailable"
        assert int(response.headers["Retry-After"]) > 0
    health = api.get("/health")
    assert health.status_code == 503 and health.json()["checks"]["database"] == "down"
    record.during = (
        f"every request got 503 service_unavailable with Retry-After, in {slowest:.2f} s at most"
    )
    assert slowest < 3, "a quick, clean refusal, not a hang"

    own_postgres.start()
    with record.healing():
        created = eventually(
            lambda: (
                r := api.post("/posts", json={"title": "after"}, headers=writer.auth)
            ).status_code
            == 201
            and r,
            timeout=10,
        )
        assert_feed_is_exactly(api, [before["id"], created.json()["id"]], timeout=10)
    record.after = f"writes and reads worked again {record.heal_seconds} s after; nothing lost"
