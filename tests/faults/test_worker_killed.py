"""Fault 1: the query worker is killed (SIGKILL) in the middle of a burst of 500 writes."""

import threading

from tests.faults.load import burst_posts
from tests.faults.observe import (
    assert_feed_is_exactly,
    assert_outboxes_confirmed,
    assert_stored_once,
)


def test_killing_the_query_worker_mid_burst_loses_and_doubles_nothing(api, writer, stack):
    killed = threading.Event()

    def kill_once(number: int) -> None:
        if number == 150 and not killed.is_set():
            killed.set()
            stack.kill("query.worker")

    accepted = burst_posts(api, writer, 500, after_each=kill_once)
    assert killed.is_set()
    assert len(accepted) == 500, "writes do not depend on the query worker"

    stack.start_process("query.worker")
    assert_feed_is_exactly(api, accepted)
    assert_stored_once(stack, "PostCreated", accepted)
    assert_outboxes_confirmed(stack)
