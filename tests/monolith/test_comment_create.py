"""A comment and its moderation are one transaction in the monolith."""

import pytest

from common.moderation import CommentStatus
from monolith.comments.models import Comment
from monolith.comments.services import comment_create
from monolith.posts.services import post_create


def test_a_comment_is_stored_with_its_final_status(author):
    post = post_create(author=author, title="t")
    comment = comment_create(author=author, post_id=post["id"], content="an orange")
    assert comment["status"] == CommentStatus.REJECTED
    assert Comment.objects.get(pk=comment["id"]).status == CommentStatus.REJECTED


def test_a_failing_moderation_leaves_no_comment(author, monkeypatch):
    post = post_create(author=author, title="t")

    def broken(comment):
        raise RuntimeError("moderation broke")

    monkeypatch.setattr("monolith.comments.services.comment_moderate", broken)
    with pytest.raises(RuntimeError):
        comment_create(author=author, post_id=post["id"], content="hello")
    assert not Comment.objects.exists()
