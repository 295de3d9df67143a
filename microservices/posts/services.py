"""Writes of posts: the row and its `PostCreated` event commit together."""

from django.db import transaction

from common.api.representations import post_repr, user_repr
from common.auth.tokens import Principal
from common.events import contract, outbox
from microservices.posts.models import Post


@transaction.atomic
def post_create(*, author: Principal, title: str) -> dict:
    post = Post.objects.create(
        title=title, author_id=author.user_id, author_username=author.username
    )
    body = post_repr(
        post_id=post.pk,
        title=post.title,
        author=user_repr(user_id=author.user_id, username=author.username),
        created_at=post.created_at,
        comments=[],
    )
    outbox.record(contract.post_created(post=body))
    return body
