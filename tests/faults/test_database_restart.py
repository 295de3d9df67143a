"""Fault 9: PostgreSQL restarts while a build is idle, or under writes (a server of the
test's own)."""

import time

import pytest

from tests.faults.conftest import a_post_in_the_feed
from tests.faults.load import burst_posts
from tests.faults.observe import applied_after_refusal, assert_feed_is_exactly


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


@pytest.mark.parametrize("build", ["monolith", "split"], indirect=True)
def test_a_restart_under_writes_loses_and_doubles_nothing(build, own_postgres, record):
    api, writer, before = a_post_in_the_feed(build, record, "before the restart")
    record.fault = "PostgreSQL restarts under a burst of writes"
    refused = []

    def restart_once(number: int) -> None:
        if number == 100:
            own_postgres.restart()

    accepted = burst_posts(api, writer, 300, after_each=restart_once, refused=refused)
    assert set(refused) <= {503}, f"only clean refusals: {refused}"
    record.during = (
        f"{len(accepted)} of 300 posts accepted across the restart, {len(refused)} refused "
        "with 503 service_unavailable"
    )
    with record.healing():
        shown = assert_feed_is_exactly(
            api, [before["id"], *accepted], timeout=60, unsure=len(refused)
        )
    record.after = (
        f"all {len(accepted)} accepted posts in the feed once, {record.heal_seconds} s after "
        "the burst, with no process restarted"
        + applied_after_refusal(shown, [before["id"], *accepted])
    )
