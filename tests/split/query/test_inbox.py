"""The inbox and dead letters of common/events/inbox.py, on a service's real database.

Handlers here are the test's own, to make a handler fail on purpose; the transaction,
the inbox table and the dead-letter table are the real ones.
"""

import pytest

from common.events.envelope import ContractError
from common.events.inbox import apply, park, redrive
from common.events.models import DeadLetter, ProcessedEvent
from common.posts.events import PostCreated
from microservices.query.models import FeedPost
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db


def _written(event):
    FeedPost.objects.create(
        pk=event.payload.post_id,
        title=event.payload.title,
        author_id=1,
        author_username="a",
        created_at="2026-01-01T00:00:00Z",
    )


def test_an_event_is_applied_once_however_often_it_arrives():
    event = post_created()
    handlers = {PostCreated: _written}
    assert apply(event, 1, handlers) is True
    assert apply(event, 1, handlers) is False
    assert FeedPost.objects.count() == 1
    assert ProcessedEvent.objects.count() == 1


def test_a_failing_handler_leaves_neither_effect_nor_inbox_row():
    def half_then_fail(event):
        _written(event)
        raise RuntimeError("half done")

    event = post_created()
    with pytest.raises(RuntimeError):
        apply(event, 1, {PostCreated: half_then_fail})
    assert not FeedPost.objects.exists()
    assert not ProcessedEvent.objects.exists()


def test_an_event_of_a_type_the_service_does_not_handle_is_a_contract_error():
    event = post_created()
    with pytest.raises(ContractError):
        apply(event, 1, {})


def test_a_parked_event_is_redriven_once_its_handler_works():
    event = post_created()
    park(event, 3, RuntimeError("database was down"), attempts=4)
    letter = DeadLetter.objects.get()
    assert (letter.event_type, letter.attempts, letter.seq) == ("PostCreated", 4, 3)

    def still_broken(event):
        raise RuntimeError("still down")

    assert redrive(letter, {PostCreated: still_broken}) is False
    letter.refresh_from_db()
    assert letter.attempts == 5 and "still down" in letter.error

    assert redrive(letter, {PostCreated: _written}) is True
    assert not DeadLetter.objects.exists()
    assert FeedPost.objects.count() == 1


def test_parking_the_same_event_twice_keeps_one_letter():
    event = post_created()
    park(event, 3, RuntimeError("one"), attempts=4)
    park(event, 3, RuntimeError("two"), attempts=5)
    assert DeadLetter.objects.get().attempts == 5
