"""A comment and its moderation are one transaction in the monolith."""

import pytest

from common.comments.domain import CommentStatus
from monolith.comments.models import Comment
from monolith.comments.services import comment_create
from monolith.posts.services import post_create


def test_a_comment_is_stored_with_its_final_status(author):
    post = post_create(author=author, title="t")
    comment = comment_create(author=author, post_id=post.id, content="an orange")
    assert comment.status == CommentStatus.REJECTED
    assert Comment.objects.get(pk=comment.id).status == CommentStatus.REJECTED


def test_a_failing_moderation_leaves_no_comment(author, monkeypatch):
    post = post_create(author=author, title="t")

    def broken(comment):
        raise RuntimeError("moderation broke")

    monkeypatch.setattr("monolith.comments.services.comment_moderate", broken)
    with pytest.raises(RuntimeError):
        comment_create(author=author, post_id=post.id, content="hello")
    assert not Comment.objects.exists()


# As in production: no transaction around the test, so foreign keys are checked at commit.
@pytest.mark.django_db(transaction=True)
def test_a_token_for_a_user_that_is_gone_is_refused(author):
    from common.api.errors import status_and_code
    from common.auth.tokens import Principal
    from common.users.errors import UnknownAuthor
    from common.users.models import User

    post = post_create(author=author, title="t")
    ghost = Principal(user_id=987654, username="ghost")
    assert not User.objects.filter(pk=ghost.user_id).exists()
    for write in (
        lambda: post_create(author=ghost, title="t"),
        lambda: comment_create(author=ghost, post_id=post.id, content="boo"),
    ):
        with pytest.raises(UnknownAuthor) as refused:
            write()
        assert status_and_code(refused.value) == (401, "token_invalid")
    assert not Comment.objects.filter(author_id=ghost.user_id).exists()
