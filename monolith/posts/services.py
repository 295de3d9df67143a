"""Writes of posts."""

from common.auth.tokens import Principal
from common.posts.domain import Post
from common.users.domain import Author
from common.users.services import unknown_author_refused
from monolith.posts.models import Post as PostRow


def post_create(*, author: Principal, title: str) -> Post:
    with unknown_author_refused():
        row = PostRow.objects.create(author_id=author.user_id, title=title)
    return Post.of(row, author=Author.of(author))
