"""Fault 12: a store stops answering (SIGSTOP) for 15 s while clients write and read: the
PostgreSQL of either build, or the split build's Redis."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from tests.behaviour.client import Api, User
from tests.faults.conftest import a_post_in_the_feed
from tests.faults.observe import (
    applied_after_refusal,
    assert_feed_is_exactly,
    assert_outboxes_confirmed,
)

FREEZE_SECONDS = 15
#: The bounds the default settings promise, plus what an HTTP round trip adds.
BOUND_SECONDS = {"PostgreSQL": 6 + 1, "Redis": 1 + 1}


@dataclass
class Answer:
    seconds: float
    status: int
    wrote: bool
    post_id: int | None = None


def keep_asking(api: Api, writer: User, seconds: float, *, clients: int = 4) -> list[Answer]:
    """Clients writing posts and reading the feed back to back for `seconds`; fewer clients
    than a build has threads, so that no request waits for a thread, only for the store."""
    until = time.monotonic() + seconds

    def client(number: int) -> list[Answer]:
        answers = []
        while time.monotonic() < until:
            started = time.monotonic()
            if number % 2:
                response = api.get("/posts", timeout=60)
            else:
                response = api.post("/posts", json={"title": "frozen?"}, headers=writer.auth,
                                    timeout=60)  # fmt: skip
            post_id = response.json()["id"] if response.status_code == 201 else None
            took = time.monotonic() - started
            answers.append(Answer(took, response.status_code, not number % 2, post_id))
        return answers

    with ThreadPoolExecutor(clients) as pool:
        return [answer for answers in pool.map(client, range(clients)) for answer in answers]


def assert_quick_and_clean(answers: list[Answer], store: str) -> float:
    slowest = max(answer.seconds for answer in answers)
    statuses = {answer.status for answer in answers}
    assert statuses <= {200, 201, 503}, f"only answers or clean refusals, got {statuses}"
    assert slowest <= BOUND_SECONDS[store], f"a request waited {slowest:.1f} s on {store}"
    return slowest


@pytest.mark.parametrize(
    ("build", "store"),
    [("monolith", "PostgreSQL"), ("split", "PostgreSQL"), ("split", "Redis")],
    indirect=["build"],
)
def test_a_frozen_store_is_a_quick_answer_and_heals(
    build, store, own_postgres, redis_server, record
):
    api, writer, before = a_post_in_the_feed(build, record, "before the freeze")
    record.fault = f"{store} frozen (SIGSTOP) for {FREEZE_SECONDS} s under reads and writes"
    server = own_postgres if store == "PostgreSQL" else redis_server

    with ThreadPoolExecutor(1) as asking:
        answers = asking.submit(keep_asking, api, writer, FREEZE_SECONDS + 4)
        time.sleep(2)
        with server.frozen():
            time.sleep(FREEZE_SECONDS)
        answers = answers.result()

    slowest = assert_quick_and_clean(answers, store)
    accepted = [answer.post_id for answer in answers if answer.post_id is not None]
    refused = sum(answer.status == 503 for answer in answers)
    refused_writes = sum(answer.status == 503 and answer.wrote for answer in answers)
    record.during = (
        f"{len(answers)} requests, none slower than {slowest:.1f} s: {len(accepted)} posts "
        f"accepted, {refused} refused with 503"
    )
    with record.healing():
        shown = assert_feed_is_exactly(
            api, [before["id"], *accepted], timeout=120, unsure=refused_writes
        )
    record.after = (
        f"the feed showed all {len(accepted) + 1} accepted posts once "
        f"{record.heal_seconds} s after the store answered again"
        + applied_after_refusal(shown, [before["id"], *accepted])
    )
    if build.name == "split":
        assert_outboxes_confirmed(build)
