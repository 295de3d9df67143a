"""A post and its `PostCreated` commit together, and the event is handed to the bus after
the commit (common/events/outbox.py, through the posts service's own write)."""

import pytest
from django.db import transaction

from common.auth.tokens import Principal
from common.events import outbox
from common.events.delivery import INGEST_TASK
from common.events.envelope import Envelope
from common.events.models import OutboxEvent
from common.posts.events import PostCreated
from microservices.posts.models import Post
from microservices.posts.services import post_create
from tests.support.sample_events import POST

AUTHOR = Principal(user_id=3, username="writer")
BREAKER = {"fail_max": 1, "reset_timeout": 60, "throw_new_error_on_trip": False}


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        outbox.record(PostCreated.of(POST))
    assert not OutboxEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_post_and_its_event_commit_together_then_go_to_the_bus(published):
    post = post_create(author=AUTHOR, title="hello")
    row = OutboxEvent.objects.get()
    event = Envelope.from_dict(row.envelope)
    assert (event.type, event.aggregate_id, event.payload.title) == (
        "PostCreated",
        post.id,
        "hello",
    )
    assert event.payload.author.username == "writer"
    assert row.confirmed_at is None, "only the bus's store confirms it"
    assert published() == [(INGEST_TASK, [row.envelope])]


@pytest.mark.django_db(transaction=True)
def test_a_write_rolled_back_leaves_no_event_and_sends_nothing(published):
    with pytest.raises(RuntimeError), transaction.atomic():
        post_create(author=AUTHOR, title="never")
        raise RuntimeError("the request failed after the write")
    assert not Post.objects.exists()
    assert not OutboxEvent.objects.exists()
    assert published() == []


@pytest.mark.django_db(transaction=True)
def test_after_a_failed_hand_off_writes_skip_it_for_a_while(monkeypatch):
    tries = []

    def broker_frozen(event):
        tries.append(event["id"])
        raise TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(outbox, "send_to_bus", broker_frozen)
    monkeypatch.setattr(outbox, "_handoff", type(outbox._handoff)(**BREAKER))
    for title in ("first", "second", "third"):
        post_create(author=AUTHOR, title=title)
    assert len(tries) == 1, "only the first write waited on the broker"
    assert OutboxEvent.objects.filter(confirmed_at__isnull=True).count() == 3, "the relay's"
