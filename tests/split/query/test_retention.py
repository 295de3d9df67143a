"""Retention (common/events/retention.py) on the query service's real database: the inbox
forgets handled ids behind the catch-up cursor, and a copy arriving after that still
changes nothing, recognised by its position."""

import pytest

from common.events import retention
from common.events.batches import apply_batch
from common.events.inbox import apply, park, redrive, retention_mark
from common.events.models import RETENTION_MARK, CatchUpCursor, DeadLetter, ProcessedEvent
from microservices.query.handlers import HANDLERS
from microservices.query.models import FeedPost
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db


def _handled(count: int) -> list[dict]:
    events = []
    for seq in range(1, count + 1):
        event = post_created()
        event["data"]["post_id"] = event["aggregate"]["id"] = seq
        apply(event, seq, HANDLERS)
        events.append(event)
    return events


def _cursor_at(position: int) -> None:
    CatchUpCursor.objects.update_or_create(name="bus", defaults={"position": position})


def test_the_mark_trails_the_cursor_by_one_pass():
    _handled(5)
    _cursor_at(3)
    assert retention.prune_inbox() == 0, "the first pass only sets the mark"
    assert retention_mark() == 3
    assert retention.prune_inbox() == 3, "the next forgets up to it"
    assert sorted(ProcessedEvent.objects.values_list("seq", flat=True)) == [4, 5]


def test_a_copy_at_or_below_the_mark_is_known_handled_by_its_position():
    events = _handled(4)
    _cursor_at(4)
    retention.prune_inbox()
    retention.prune_inbox()
    assert not ProcessedEvent.objects.exists()
    FeedPost.objects.all().delete()  # so that a second application would show
    assert apply(events[2], 3, HANDLERS) is False
    assert apply_batch([(e, seq) for seq, e in enumerate(events, start=1)], HANDLERS) == 0
    assert not FeedPost.objects.exists()


def test_an_event_above_the_mark_is_applied_as_usual():
    _handled(2)
    _cursor_at(2)
    retention.prune_inbox()
    later = post_created()
    assert apply(later, 3, HANDLERS) is True
    assert FeedPost.objects.filter(pk=later["data"]["post_id"]).exists()


def test_a_parked_event_below_the_mark_can_still_be_redriven():
    broken = post_created()
    park(broken, 2, RuntimeError("was down"), attempts=4)
    _cursor_at(5)
    retention.prune_inbox()
    assert retention_mark() == 5
    assert redrive(DeadLetter.objects.get(), HANDLERS) is True
    assert FeedPost.objects.filter(pk=broken["data"]["post_id"]).exists()


def test_without_a_cursor_nothing_is_forgotten():
    _handled(3)
    assert retention.prune_inbox() == 0
    assert retention.prune_inbox() == 0
    assert ProcessedEvent.objects.count() == 3
    assert CatchUpCursor.objects.get(name=RETENTION_MARK).position == 0


def test_pruning_goes_in_chunks(monkeypatch):
    monkeypatch.setattr(retention, "CHUNK", 2)
    _handled(5)
    _cursor_at(5)
    retention.prune_inbox()
    assert retention.prune_inbox() == 5
    assert not ProcessedEvent.objects.exists()


def test_a_pass_deletes_at_most_its_budget_and_asks_for_another(monkeypatch):
    monkeypatch.setattr(retention, "CHUNK", 2)
    monkeypatch.setattr(retention, "BUDGET", 3)
    _handled(5)
    _cursor_at(5)
    assert retention.prune() is False, "the first pass sets the mark"
    assert retention.prune() is True, "three deleted: more to do"
    assert ProcessedEvent.objects.count() == 2
    assert retention.prune() is False
    assert not ProcessedEvent.objects.exists()
