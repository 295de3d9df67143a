"""Fault 11: PostgreSQL is down for a while, in either build (a server of the test's own)."""

import time

import pytest

from tests.behaviour.client import eventually
from tests.faults.conftest import a_post_in_the_feed
from tests.faults.observe import assert_feed_is_exactly


@pytest.mark.parametrize("build", ["monolith", "split"], indirect=True)
def test_a_database_that_is_down_is_a_quick_503_and_nothing_is_lost(build, own_postgres, record):
    api, writer, before = a_post_in_the_feed(build, record, "before the outage")
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
