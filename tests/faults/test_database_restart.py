"""Fault 9: PostgreSQL restarts while a build is idle (a server of the test's own)."""

import time

import pytest

from tests.faults.conftest import a_post_in_the_feed
from tests.faults.observe import assert_feed_is_exactly


@pytest.mark.parametrize("build", ["monolith", "split"], indirect=True)
def test_a_quiet_restart_heals_by_itself(build, own_postgres, record):
    api, writer, before = a_post_in_the_feed(build, record, "before the restart")
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
