"""Writes and reads of comments. A comment is written `pending` with its `CommentCreated`;
moderation's verdict arrives later as an event (see handlers.py)."""

from django.db import transaction

from common.auth.tokens import Principal
from common.comments.domain import Comment
from common.comments.events import CommentCreated
from common.events import outbox
from common.posts.errors import PostNotFound
from microservices.comments.models import Comment as CommentRow
from microservices.comments.models import KnownPost


@transaction.atomic
def comment_create(*, author: Principal, post_id: int, content: str) -> Comment:
    if not KnownPost.objects.filter(pk=post_id).exists():
        raise PostNotFound
    row = CommentRow.objects.create(
        post_id=post_id,
        author_id=author.user_id,
        author_username=author.username,
        content=content,
    )
    comment = row.as_comment()
    outbox.record(CommentCreated.of(comment))
    return comment


def comment_list(*, post_id: int) -> list[Comment]:
    comments = [
        row.as_comment() for row in CommentRow.objects.filter(post_id=post_id).order_by("id")
    ]
    if not comments and not KnownPost.objects.filter(pk=post_id).exists():
        raise PostNotFound
    return comments
