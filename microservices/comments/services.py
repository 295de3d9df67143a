"""Writes and reads of comments. A comment is written `pending` with its `CommentCreated`;
moderation's verdict arrives later as an event (see handlers.py)."""

from django.db import transaction

from common.api.errors import NotFound
from common.api.representations import comment_repr, user_repr
from common.auth.tokens import Principal
from common.events import contract, outbox
from microservices.comments.models import Comment, KnownPost


def comment_to_dict(comment: Comment) -> dict:
    return comment_repr(
        comment_id=comment.pk,
        post_id=comment.post_id,
        content=comment.content,
        status=comment.status,
        author=user_repr(user_id=comment.author_id, username=comment.author_username),
        created_at=comment.created_at,
    )


@transaction.atomic
def comment_create(*, author: Principal, post_id: int, content: str) -> dict:
    if not KnownPost.objects.filter(pk=post_id).exists():
        raise NotFound("No post with this id.")
    comment = Comment.objects.create(
        post_id=post_id,
        author_id=author.user_id,
        author_username=author.username,
        content=content,
    )
    body = comment_to_dict(comment)
    outbox.record(contract.comment_created(comment=body))
    return body


def comment_list(*, post_id: int) -> list[dict]:
    comments = [comment_to_dict(c) for c in Comment.objects.filter(post_id=post_id).order_by("id")]
    if not comments and not KnownPost.objects.filter(pk=post_id).exists():
        raise NotFound("No post with this id.")
    return comments
