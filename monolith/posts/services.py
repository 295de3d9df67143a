"""Writes of posts."""

from common.api.representations import post_repr, user_repr
from common.auth.tokens import Principal
from common.users.services import unknown_author_refused
from monolith.posts.models import Post


def post_create(*, author: Principal, title: str) -> dict:
    with unknown_author_refused():
        post = Post.objects.create(author_id=author.user_id, title=title)
    return post_repr(
        post_id=post.pk,
        title=post.title,
        author=user_repr(user_id=author.user_id, username=author.username),
        created_at=post.created_at,
        comments=[],
    )
