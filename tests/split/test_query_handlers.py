"""The query service's handlers keep the newest version of a comment, whatever the order."""

import pytest

from common.events import contract
from common.events.inbox import apply
from microservices.query.handlers import HANDLERS
from microservices.query.models import FeedComment

pytestmark = pytest.mark.django_db

COMMENT = {
    "id": 5,
    "post_id": 7,
    "content": "c",
    "status": "pending",
    "author": {"id": 1, "username": "a"},
    "created_at": "2026-01-01T00:00:00.000000Z",
}


def test_a_late_older_version_does_not_undo_a_newer_one():
    created = contract.comment_created(comment=COMMENT).to_dict()
    updated = contract.comment_updated(comment={**COMMENT, "status": "rejected"}, version=2)
    apply(updated.to_dict(), 2, HANDLERS)
    apply(created, 1, HANDLERS)
    comment = FeedComment.objects.get(pk=5)
    assert (comment.status, comment.version) == ("rejected", 2)


def test_in_order_versions_move_forward():
    apply(contract.comment_created(comment=COMMENT).to_dict(), 1, HANDLERS)
    updated = contract.comment_updated(comment={**COMMENT, "status": "approved"}, version=2)
    apply(updated.to_dict(), 2, HANDLERS)
    assert FeedComment.objects.get(pk=5).status == "approved"
