"""The query service's handlers keep the newest version of a comment, whatever the order."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.batches import apply_batch
from common.events.envelope import Envelope
from common.events.inbox import apply
from common.events.models import ProcessedEvent
from microservices.query.handlers import HANDLERS
from microservices.query.models import FeedComment, FeedPost
from tests.support.sample_events import COMMENT, post_created

pytestmark = pytest.mark.django_db


def _updated(status: CommentStatus, version: int) -> dict:
    return Envelope.of(
        CommentUpdated.of(replace(COMMENT, status=status)), version=version
    ).to_dict()


def test_a_late_older_version_does_not_undo_a_newer_one():
    created = Envelope.of(CommentCreated.of(COMMENT)).to_dict()
    apply(_updated(CommentStatus.REJECTED, 2), 2, HANDLERS)
    apply(created, 1, HANDLERS)
    comment = FeedComment.objects.get(pk=5)
    assert (comment.status, comment.version) == ("rejected", 2)


def test_in_order_versions_move_forward():
    apply(Envelope.of(CommentCreated.of(COMMENT)).to_dict(), 1, HANDLERS)
    apply(_updated(CommentStatus.APPROVED, 2), 2, HANDLERS)
    assert FeedComment.objects.get(pk=5).status == "approved"


def test_a_post_is_shown_with_its_author_and_time_as_the_event_says():
    event = post_created()
    apply(event, 1, HANDLERS)
    post = FeedPost.objects.get(pk=7)
    assert (post.title, post.author_id, post.author_username) == ("t", 1, "a")
    assert post.created_at == datetime(2026, 1, 1, tzinfo=UTC)


def _comment_events(comment_id: int, statuses: list[CommentStatus]) -> list[dict]:
    comment = replace(COMMENT, id=comment_id)
    events = [Envelope.of(CommentCreated.of(comment)).to_dict()]
    for version, status in enumerate(statuses, start=2):
        events.append(
            Envelope.of(
                CommentUpdated.of(replace(comment, status=status)), version=version
            ).to_dict()
        )
    return events


def test_a_batch_keeps_what_the_same_events_one_by_one_keep():
    events = [post_created() for _ in range(3)]
    for n, event in enumerate(events):
        event["data"]["post_id"] = event["aggregate"]["id"] = 50 + n
    events += _comment_events(8, [CommentStatus.APPROVED])
    events += _comment_events(9, [CommentStatus.REJECTED])[::-1]  # newest version first
    items = [(event, seq) for seq, event in enumerate(events, start=1)]
    assert apply_batch(items, HANDLERS) == len(events)
    batched = _feed()
    FeedPost.objects.all().delete()
    FeedComment.objects.all().delete()
    ProcessedEvent.objects.all().delete()
    for event, seq in items:
        apply(event, seq, HANDLERS)
    assert _feed() == batched
    assert [c[2:4] for c in batched[1]] == [("approved", 2), ("rejected", 2)]


def test_a_batch_moves_a_comment_forward_only():
    apply(_comment_events(8, [CommentStatus.APPROVED])[1], 1, HANDLERS)
    late = [(e, seq) for seq, e in enumerate(_comment_events(8, []), start=2)]
    assert apply_batch(late, HANDLERS) == 1
    assert FeedComment.objects.get(pk=8).version == 2, "the older version changed nothing"


def test_a_batch_costs_a_few_statements_whatever_its_length(django_assert_max_num_queries):
    events = []
    for n in range(300):
        events += _comment_events(1000 + n, [CommentStatus.APPROVED])
    items = [(event, seq) for seq, event in enumerate(events, start=1)]
    with django_assert_max_num_queries(12):
        assert apply_batch(items, HANDLERS) == 600
    assert FeedComment.objects.filter(status="approved").count() == 300


def _feed() -> tuple[list, list]:
    return (
        list(FeedPost.objects.order_by("pk").values_list("pk", "title", "created_at")),
        list(FeedComment.objects.order_by("pk").values_list("pk", "post_id", "status", "version")),
    )
