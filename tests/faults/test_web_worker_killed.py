"""Fault 7: a web worker that takes posts is killed (SIGKILL) in the middle of a burst, in
either build."""

import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor

import psutil
import pytest
import requests

from tests.behaviour.client import Api, eventually
from tests.faults.observe import feed_everything

WRITES = 300


def burst_through_a_kill(api: Api, user, kill) -> tuple[list[int], int]:
    """Writes posts from 8 clients, killing once at the 100th; returns the accepted ids and
    how many requests failed (a connection cut, or a 5xx)."""
    killed = threading.Event()

    def write(number: int) -> int | None:
        if number == 100 and not killed.is_set():
            killed.set()
            kill()
        try:
            response = api.post("/posts", json={"title": f"burst {number}"}, headers=user.auth)
        except requests.RequestException:  # cut off mid-request or mid-answer
            return None
        return response.json()["id"] if response.status_code == 201 else None

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(write, range(WRITES)))
    accepted = [post_id for post_id in results if post_id is not None]
    return accepted, WRITES - len(accepted)


@pytest.mark.parametrize("build", ["monolith", "split"])
def test_a_killed_web_worker_loses_no_accepted_write(build, request, record):
    record.build = build
    target = request.getfixturevalue("monolith" if build == "monolith" else "stack")
    api = Api(target.url_for, settle_timeout=target.settle_timeout)
    writer = api.new_user("writer")
    master = target.processes[0] if build == "monolith" else target.processes["posts.web"]

    def kill_one_worker() -> None:
        worker = psutil.Process(master.pid).children()[0]
        os.kill(worker.pid, signal.SIGKILL)

    accepted, failed = burst_through_a_kill(api, writer, kill_one_worker)
    record.during = (
        f"{failed} of {WRITES} post requests cut off with the worker (the client cannot know "
        "whether they were written); the other worker and the replacement took the rest"
    )
    assert failed < WRITES / 2

    with record.healing():
        shown = eventually_settled(api, accepted, failed)
    unacknowledged = len(shown) - len(accepted)
    record.after = (
        f"every accepted post shown once; {unacknowledged} of the cut-off requests had been "
        "written before the cut"
    )


def eventually_settled(api: Api, accepted: list[int], failed: int) -> list[int]:
    """Waits until every accepted post shows, once; beyond them the feed may hold only posts
    whose requests were cut off (written, but the answer was lost with the worker)."""

    def all_accepted_shown() -> list[int] | None:
        shown = [post["id"] for post in feed_everything(api)]
        return shown if set(accepted) <= set(shown) else None

    shown = eventually(all_accepted_shown, timeout=60, interval=0.2)
    assert len(shown) == len(set(shown)), "a post is shown twice"
    assert len(shown) - len(accepted) <= failed, "the feed shows posts nobody wrote"
    return shown
