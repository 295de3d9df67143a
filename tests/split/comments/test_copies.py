"""The comments service taking comments over from the monolith (step 4 of docs/migration.md):
it copies the monolith's comments from their events with their ids, versions and moments,
and leaves the verdict on a comment it has not copied yet to the monolith, which wrote it."""

from dataclasses import replace

import pytest

from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.envelope import Envelope, fact_id
from common.events.inbox import apply
from common.events.models import OutboxEvent
from common.moderation.events import CommentModerated
from microservices.comments.handlers import TAKING_OVER
from microservices.comments.models import Comment
from tests.support.sample_events import COMMENT

pytestmark = pytest.mark.django_db
APPROVED = replace(COMMENT, status=CommentStatus.APPROVED)


@pytest.fixture(autouse=True)
def taking_over(settings):
    settings.TANDEM_TAKING_OVER = True


def _apply(payload, version: int, seq: int) -> None:
    apply(Envelope.of(payload, version=version).to_dict(), seq, TAKING_OVER)


def test_a_monolith_comment_is_copied_with_its_id_version_and_moment():
    _apply(CommentCreated.of(COMMENT), 1, 1)
    copy = Comment.objects.get()
    assert (copy.pk, copy.version, copy.status) == (COMMENT.id, 1, CommentStatus.PENDING)
    assert (copy.author_id, copy.author_username) == (COMMENT.author.id, COMMENT.author.username)
    assert (copy.created_at, copy.content, copy.post_id) == (COMMENT.created_at, "c", 7)


def test_a_newer_version_changes_the_copy_and_an_older_one_arriving_late_does_not():
    _apply(CommentUpdated.of(APPROVED), 2, 2)
    _apply(CommentCreated.of(COMMENT), 1, 1)
    copy = Comment.objects.get()
    assert (copy.version, copy.status) == (2, CommentStatus.APPROVED)
    assert Comment.objects.count() == 1


def test_a_verdict_on_a_comment_not_copied_yet_is_left_to_the_monolith():
    verdict = CommentModerated(comment_id=COMMENT.id, post_id=7, status="approved", reason=None)
    _apply(verdict, 1, 1)
    assert not Comment.objects.exists() and not OutboxEvent.objects.exists()


def test_a_verdict_on_a_copied_comment_records_the_fact_the_monolith_would():
    _apply(CommentCreated.of(COMMENT), 1, 1)
    verdict = CommentModerated(comment_id=COMMENT.id, post_id=7, status="approved", reason=None)
    _apply(verdict, 1, 2)
    recorded = OutboxEvent.objects.get()
    assert str(recorded.id) == fact_id(CommentUpdated.of(APPROVED), 2)
    assert Comment.objects.get().status == CommentStatus.APPROVED
