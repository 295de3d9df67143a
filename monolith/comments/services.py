"""Writes of comments. A new comment is written `pending` and moderated in the same transaction,
so in the monolith nobody ever sees it pending; the split build moderates it later, by event."""

from django.db import transaction

from common.api.errors import NotFound
from common.api.representations import comment_repr, user_repr
from common.auth.tokens import Principal
from common.users.services import unknown_author_refused
from monolith.comments.models import Comment
from monolith.moderation.services import comment_moderate
from monolith.posts.models import Post


def comment_create(*, author: Principal, post_id: int, content: str) -> dict:
    with unknown_author_refused(), transaction.atomic():
        if not Post.objects.filter(pk=post_id).exists():
            raise NotFound("No post with this id.")
        comment = Comment.objects.create(post_id=post_id, author_id=author.user_id, content=content)
        comment_moderate(comment)
    return comment_repr(
        comment_id=comment.pk,
        post_id=post_id,
        content=comment.content,
        status=comment.status,
        author=user_repr(user_id=author.user_id, username=author.username),
        created_at=comment.created_at,
    )
