"""Reads of comments."""

from common.api.errors import NotFound
from common.api.representations import comment_repr
from monolith.comments.models import Comment
from monolith.posts.models import Post
from monolith.users.representations import author_repr


def comment_to_dict(comment: Comment) -> dict:
    return comment_repr(
        comment_id=comment.pk,
        post_id=comment.post_id,
        content=comment.content,
        status=comment.status,
        author=author_repr(comment.author),
        created_at=comment.created_at,
    )


def comment_list(*, post_id: int) -> list[dict]:
    comments = list(Comment.objects.filter(post_id=post_id).select_related("author").order_by("id"))
    if not comments and not Post.objects.filter(pk=post_id).exists():
        raise NotFound("No post with this id.")
    return [comment_to_dict(comment) for comment in comments]
