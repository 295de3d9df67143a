"""The query service's handlers keep the newest version of a comment, whatever the order."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.envelope import Envelope
from common.events.inbox import apply
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
