"""Reads of comments."""

from django.db.models import F

from common.api.errors import NotFound
from common.api.representations import comment_from_row
from monolith.comments.models import Comment
from monolith.posts.models import Post


def comment_list(*, post_id: int) -> list[dict]:
    rows = list(
        Comment.objects.filter(post_id=post_id)
        .order_by("id")
        .values(
            "id",
            "post_id",
            "content",
            "status",
            "created_at",
            "author_id",
            author_username=F("author__username"),
        )
    )
    if not rows and not Post.objects.filter(pk=post_id).exists():
        raise NotFound("No post with this id.")
    return [comment_from_row(row) for row in rows]
