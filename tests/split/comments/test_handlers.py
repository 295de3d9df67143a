"""The comments service in-process: a comment needs a post it has heard of, it is written
with its `CommentCreated`, and moderation's first verdict is applied once and announced."""

import pytest

from common.auth.tokens import Principal
from common.comments.domain import CommentStatus
from common.events.envelope import Envelope
from common.events.inbox import apply
from common.events.models import OutboxEvent
from common.moderation.events import CommentModerated
from common.posts.errors import PostNotFound
from microservices.comments.handlers import HANDLERS
from microservices.comments.models import Comment, KnownPost
from microservices.comments.services import comment_create, comment_list
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db
READER = Principal(user_id=4, username="reader")


def _events() -> list[Envelope]:
    return [Envelope.from_dict(row.envelope) for row in OutboxEvent.objects.order_by("created_at")]


def _verdict(comment_id: int, status: str) -> dict:
    verdict = CommentModerated(comment_id=comment_id, post_id=7, status=status, reason=None)
    return Envelope.of(verdict).to_dict()


def test_a_post_becomes_commentable_once_however_often_it_is_announced():
    event = post_created()
    apply(event, 1, HANDLERS)
    apply({**event, "id": post_created()["id"]}, 2, HANDLERS)
    assert list(KnownPost.objects.values_list("pk", flat=True)) == [7]


def test_a_comment_on_a_post_never_announced_is_refused_and_changes_nothing():
    with pytest.raises(PostNotFound):
        comment_create(author=READER, post_id=7, content="first!")
    with pytest.raises(PostNotFound):
        comment_list(post_id=7)
    assert not Comment.objects.exists() and not OutboxEvent.objects.exists()


def test_a_comment_is_written_pending_with_its_event():
    apply(post_created(), 1, HANDLERS)
    comment = comment_create(author=READER, post_id=7, content="nice")
    assert comment.status == CommentStatus.PENDING
    (created,) = _events()
    assert (created.type, created.aggregate_id, created.aggregate_version) == (
        "CommentCreated",
        comment.id,
        1,
    )
    assert created.payload.author.username == "reader"
    assert comment_list(post_id=7) == [comment]


def test_the_first_verdict_wins_and_is_announced_once():
    apply(post_created(), 1, HANDLERS)
    comment = comment_create(author=READER, post_id=7, content="nice")
    for event in (_verdict(comment.id, "rejected"), _verdict(comment.id, "approved")):
        apply(event, None, HANDLERS)
    stored = Comment.objects.get(pk=comment.id)
    assert (stored.status, stored.version) == ("rejected", 2)
    updates = [e for e in _events() if e.type == "CommentUpdated"]
    assert [(u.aggregate_version, u.payload.status) for u in updates] == [(2, "rejected")]
