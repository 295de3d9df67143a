"""Fault 3: Redis restarts with nothing persisted while events are in flight."""

import signal
import threading
import time

import psutil

from tests.faults.load import burst_posts
from tests.faults.observe import (
    assert_feed_is_exactly,
    assert_outboxes_confirmed,
    assert_stored_once,
    comment_statuses,
)
from tests.support.processes import tail


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


def test_a_worker_that_holds_messages_when_redis_restarts_keeps_working(
    api, writer, stack, redis_server
):
    """The bus's worker has taken messages its pool has not run yet when Redis goes away: it
    reconnects and goes on, and what it held arrives once. (Celery 5.7.0's worker could die
    here, in kombu's Redis channel, closing the lost connection: pyproject.toml.)"""
    worker = stack.processes["eventbus.worker"]
    pool = psutil.Process(worker.pid).children(recursive=True)
    for child in pool:
        child.send_signal(signal.SIGSTOP)
    try:
        held = [api.create_post(writer, f"held {n}")["id"] for n in range(5)]
        time.sleep(1)  # the worker has taken what its prefetch allows; its pool cannot run it
        redis_server.restart()
        time.sleep(2)
    finally:
        for child in pool:
            child.send_signal(signal.SIGCONT)
    assert worker.alive(), f"the bus's worker stopped:\n{tail(worker.log)}"
    after = [api.create_post(writer, f"after {n}")["id"] for n in range(5)]
    assert_feed_is_exactly(api, [*held, *after], timeout=90)
    assert worker.alive(), f"the bus's worker stopped:\n{tail(worker.log)}"
