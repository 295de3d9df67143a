"""Writes of posts: the row and its `PostCreated` event commit together."""

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
    outbox.record(PostCreated.of(post))
    return post
