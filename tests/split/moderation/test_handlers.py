"""The moderation service in-process: one verdict per comment by the shared rules, published
as `CommentModerated` about the comment at the version it judged."""

from dataclasses import replace

import pytest

from common.comments.domain import Comment, CommentStatus
from common.comments.events import CommentCreated
from common.events.envelope import Envelope
from common.events.inbox import apply
from common.events.models import OutboxEvent
from microservices.moderation.handlers import HANDLERS
from microservices.moderation.models import Verdict
from tests.support.sample_events import COMMENT as SAMPLE

pytestmark = pytest.mark.django_db

COMMENT = replace(SAMPLE, id=11, content="lovely")


def _judged(comment: Comment) -> Envelope:
    apply(Envelope.of(CommentCreated.of(comment)).to_dict(), 1, HANDLERS)
    (row,) = OutboxEvent.objects.filter(envelope__aggregate__id=comment.id)
    return Envelope.from_dict(row.envelope)


def test_a_clean_comment_is_approved():
    verdict = _judged(COMMENT)
    assert (verdict.type, verdict.aggregate_version) == ("CommentModerated", 1)
    assert (verdict.payload.status, verdict.payload.reason) == (CommentStatus.APPROVED, None)
    assert Verdict.objects.get(comment_id=11).status == "approved"


def test_a_blocked_word_rejects_with_its_reason():
    verdict = _judged(replace(COMMENT, id=12, content="I prefer ORANGE"))
    assert verdict.payload.status == CommentStatus.REJECTED
    assert verdict.payload.reason == "blocked_word:orange"


def test_a_comment_announced_twice_gets_one_verdict():
    event = Envelope.of(CommentCreated.of(COMMENT)).to_dict()
    apply(event, 1, HANDLERS)
    assert apply(event, 1, HANDLERS) is False
    again = Envelope.of(CommentCreated.of(COMMENT)).to_dict()  # another event, same comment
    with pytest.raises(Exception, match="(?i)unique"):
        apply(again, 2, HANDLERS)
    assert Verdict.objects.count() == 1 and OutboxEvent.objects.count() == 1
