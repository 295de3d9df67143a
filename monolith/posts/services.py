"""Writes of posts."""

from common.api.representations import post_repr, user_repr
from common.auth.tokens import Principal
from monolith.posts.models import Post


def post_create(*, author: Principal, title: str) -> dict:
    post = Post.objects.create(author_id=author.user_id, title=title)
    return post_repr(
        post_id=post.pk,
        title=post.title,
        author=user_repr(user_id=author.user_id, username=author.username),
        created_at=post.created_at,
        comments=[],
    )
