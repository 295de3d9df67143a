"""`eventbus.ingest` in-process (Celery's eager `apply`, kombu's in-memory broker): an event
is stored once and routed once to each consumer, also when routing fails after storing."""

import pytest

from common.events.delivery import consumer_task
from common.events.models import DeadLetter
from microservices.eventbus import tasks
from microservices.eventbus.models import StoredEvent
from tests.support.memory_broker import drain
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_queues():
    for queue in ("comments", "query"):
        drain(queue)


def _routed(queue: str) -> list[dict]:
    return [args[0] for task, args in drain(queue) if task == consumer_task(queue)]


def test_an_event_is_stored_and_routed_to_each_consumer():
    event = post_created()
    tasks.ingest.apply(args=[event])
    stored = StoredEvent.objects.get()
    for queue in ("comments", "query"):
        assert _routed(queue) == [{"seq": stored.seq, "event": event}]


def test_a_copy_already_stored_is_not_routed_again():
    event = post_created()
    tasks.ingest.apply(args=[event])
    tasks.ingest.apply(args=[event])
    assert StoredEvent.objects.count() == 1
    assert len(_routed("query")) == 1


def test_routing_that_fails_after_storing_is_retried_without_storing_again(monkeypatch):
    event = post_created()
    real, attempts = tasks.route, []

    def fails_once(stored):
        attempts.append(stored.seq)
        if len(attempts) == 1:
            raise ConnectionError("redis went away")
        real(stored)

    monkeypatch.setattr(tasks, "route", fails_once)
    tasks.ingest.apply(args=[event])
    stored = StoredEvent.objects.get()
    assert attempts == [stored.seq, stored.seq]
    assert _routed("comments") == [{"seq": stored.seq, "event": event}]


def test_an_event_that_breaks_the_contract_is_parked_and_not_stored():
    event = post_created()
    event["data"]["post_id"] = "seven"
    tasks.ingest.apply(args=[event])
    assert not StoredEvent.objects.exists()
    assert DeadLetter.objects.get().event_type == "PostCreated"
