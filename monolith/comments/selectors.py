"""Reads of comments: one query with the author's name joined in."""

from common.comments.domain import Comment
from common.posts.errors import PostNotFound
from common.users.domain import Author
from monolith.comments.models import Comment as CommentRow
from monolith.posts.models import Post as PostRow


def comment_list(*, post_id: int, after: int, limit: int) -> list[Comment]:
    rows = (
        CommentRow.objects.filter(post_id=post_id, id__gt=after)
        .order_by("id")
        .select_related("author")
        .only("id", "post_id", "content", "status", "created_at", "author__username")
    )
    comments = [Comment.of(row, author=Author.of_user(row.author)) for row in rows[:limit]]
    if not comments and not PostRow.objects.filter(pk=post_id).exists():
        raise PostNotFound
    return comments
