"""Writes of posts."""

from common.auth.tokens import Principal
from monolith.posts.models import Post


def post_create(*, author: Principal, title: str) -> Post:
    return Post.objects.create(author_id=author.user_id, title=title)
