"""Writes of posts (with their fact, once the monolith publishes them)."""

from django.db import transaction

from common.auth.tokens import Principal
from common.posts.domain import Post
from common.users.domain import Author
from common.users.services import unknown_author_refused
from monolith.posts.models import Post as PostRow
from monolith.publishing import outbox
from monolith.publishing.facts import post_facts


def post_create(*, author: Principal, title: str) -> Post:
    with unknown_author_refused(), transaction.atomic():
        row = PostRow.objects.create(author_id=author.user_id, title=title)
        post = Post.of(row, author=Author.of(author))
        outbox.record(post_facts(post))
    return post


def post_find(post_id: int) -> Post | None:
    row = PostRow.objects.select_related("author").filter(pk=post_id).first()
    if row is None:
        return None
    return Post.of(row, author=Author.of_user(row.author))
