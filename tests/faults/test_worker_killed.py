"""Fault 1: the query worker is killed (SIGKILL) in the middle of a burst of 500 writes."""

import threading

from tests.faults.load import burst_posts
from tests.faults.observe import (
    assert_feed_is_exactly,
    assert_outboxes_confirmed,
    assert_stored_once,
)


def test_killing_the_query_worker_mid_burst_loses_and_doubles_nothing(api, writer, stack, record):
    killed = threading.Event()

    def kill_once(number: int) -> None:
        if number == 150 and not killed.is_set():
            killed.set()
            stack.kill("query.worker")

    accepted = burst_posts(api, writer, 500, after_each=kill_once)
    assert killed.is_set()
    assert len(accepted) == 500, "writes do not depend on the query worker"
    record.during = (
        f"{len(accepted)} of 500 posts accepted; the feed stopped showing new posts "
        "(the query worker's unacknowledged events wait in Redis)"
    )

    stack.start_process("query.worker")
    with record.healing():
        assert_feed_is_exactly(api, accepted)
    record.after = (
        f"the feed showed all {len(accepted)} once, {record.heal_seconds} s after a new "
        "worker started"
    )
    assert_stored_once(stack, "PostCreated", accepted)
    assert_outboxes_confirmed(stack)
