"""Writes of posts: the row and its `PostCreated` event commit together; and one post, for a
service that asks its owner."""

from django.db import transaction

from common.auth.tokens import Principal
from common.events import outbox
from common.posts.domain import Post
from common.posts.events import PostCreated
from microservices.posts.models import Post as PostRow


@transaction.atomic
def post_create(*, author: Principal, title: str) -> Post:
    row = PostRow.objects.create(
        title=title, author_id=author.user_id, author_username=author.username
    )
    post = row.as_post()
    outbox.record_fact(PostCreated.of(post))
    return post


def post_find(post_id: int) -> Post | None:
    row = PostRow.objects.filter(pk=post_id).first()
    return None if row is None else row.as_post()
