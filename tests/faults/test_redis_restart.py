"""Fault 3: Redis restarts with nothing persisted while events are in flight."""

import threading

from tests.faults.load import burst_posts
from tests.faults.observe import (
    assert_feed_is_exactly,
    assert_outboxes_confirmed,
    assert_stored_once,
    comment_statuses,
)


def test_a_redis_restart_that_loses_everything_in_flight_is_healed(
    api, writer, stack, redis_server, record
):
    post = api.create_post(writer, "before the restart")
    api.wait_for_post(post["id"])
    restarted = threading.Event()

    def restart_once(number: int) -> None:
        if number == 100 and not restarted.is_set():
            restarted.set()
            redis_server.restart()

    accepted = burst_posts(api, writer, 300, after_each=restart_once)
    assert restarted.is_set()
    comments = [
        api.create_comment(writer, post["id"], "after the restart, orange"),
        api.create_comment(writer, post["id"], "after the restart, clean"),
    ]

    record.during = (
        f"{len(accepted)} of 300 posts accepted across the restart (the writes do not wait for "
        "Redis); events in flight were lost with Redis's memory"
    )
    with record.healing():
        assert_feed_is_exactly(api, [post["id"], *accepted], timeout=90)
    record.after = (
        f"the relays republished from the outboxes: all {len(accepted) + 1} posts in the feed "
        f"once, {record.heal_seconds} s after the burst"
    )
    api.wait_for_comment_in_feed(post["id"], comments[0]["id"], "rejected")
    api.wait_for_comment_in_feed(post["id"], comments[1]["id"], "approved")
    assert comment_statuses(api, post["id"]) == {
        comments[0]["id"]: "rejected",
        comments[1]["id"]: "approved",
    }
    assert_stored_once(stack, "PostCreated", [post["id"], *accepted])
    assert_outboxes_confirmed(stack)
