"""Fault 14: a consumer's worker stopped (SIGSTOP) past the visibility timeout, or killed,
mid-burst, with the default settings: what it held goes back to its queue near the timeout."""

from __future__ import annotations

import json
import signal
import threading
import time

import pytest
import redis

from common.events.delivery import queue_of
from tests.behaviour.client import Api
from tests.faults.load import burst_posts
from tests.faults.observe import (
    assert_feed_is_exactly,
    assert_outboxes_confirmed,
    assert_stored_once,
)
from tests.support.targets import SplitTarget

VISIBILITY_TIMEOUT = 60  # microservices/base_settings.py, not shortened here
#: The timeout, then one sweep of the unacknowledged messages (every 5 s), then some slack.
RETURN_BOUND = VISIBILITY_TIMEOUT + 5 + 5


@pytest.fixture
def default_stack(postgres_pass, tmp_path, redis_server, postgres):
    """The split build with the default settings: nothing shortened."""
    target = SplitTarget(
        "split", settle_timeout=60, workdir=tmp_path, database="postgres", postgres=postgres,
        broker_url=redis_server.url,
    )  # fmt: skip
    with target.running():
        yield target


@pytest.mark.parametrize("fault", ["stopped", "killed"])
def test_messages_a_lost_worker_held_come_back_near_the_visibility_timeout(
    fault, default_stack, redis_server, record
):
    stack = default_stack
    api = Api(stack.url_for, settle_timeout=stack.settle_timeout)
    writer = api.new_user("writer")
    broker = redis.Redis.from_url(redis_server.url)
    unacked = f"{stack.broker_prefix}unacked"

    def held() -> int:
        """Messages of the query queue delivered and not acknowledged (kombu keeps each as
        [message, exchange, routing key])."""
        return sum(json.loads(entry)[2] == queue_of("query") for entry in broker.hvals(unacked))

    worker = stack.processes["query.worker"]
    struck = threading.Event()
    holding = []
    lock = threading.Lock()

    def strike_once(number: int) -> None:
        """From the 60th post on, at the first moment the worker holds messages. It is
        stopped first, so that it cannot acknowledge them between the count and the kill."""
        if number < 60 or struck.is_set() or not held():
            return
        with lock:
            if struck.is_set():
                return
            worker.signal(signal.SIGSTOP)
            count = held()
            if not count:  # it acknowledged them just before it stopped: a later moment
                worker.signal(signal.SIGCONT)
                return
            if fault == "killed":
                worker.signal(signal.SIGKILL)
            struck.set()
            holding.append(count)

    accepted = burst_posts(api, writer, 200, after_each=strike_once)
    struck_at = time.monotonic()
    assert len(accepted) == 200, "writes do not depend on the query worker"
    if fault == "killed":
        stack.kill("query.worker")
        stack.start_process("query.worker")
    assert struck.is_set() and holding[0] > 0, "the worker held messages when it was lost"

    with record.healing():
        assert_feed_is_exactly(api, accepted, timeout=30)
    record.fault = f"a consumer's worker {fault} mid-burst, default settings"
    record.during = (
        f"the feed showed all {len(accepted)} posts {record.heal_seconds} s after the burst "
        "(the query service's catch-up applied what the worker held)"
    )
    while held() and time.monotonic() - struck_at < RETURN_BOUND + 30:
        time.sleep(0.5)
    returned = round(time.monotonic() - struck_at, 1)
    record.after = (
        f"the {holding[0]} messages it held went back to the queue {returned} s after "
        f"(visibility timeout {VISIBILITY_TIMEOUT} s); applied once"
    )
    assert held() == 0, "held messages went back to the queue"
    assert returned <= RETURN_BOUND, record.after
    if fault == "stopped":
        worker.signal(signal.SIGCONT)
    time.sleep(5)  # the worker finishes what it held, then the copies that came back
    assert_feed_is_exactly(api, accepted, timeout=30)
    assert_stored_once(stack, "PostCreated", accepted)
    assert_outboxes_confirmed(stack)
