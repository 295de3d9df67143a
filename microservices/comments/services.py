"""Writes and reads of comments. A comment is written `pending` with its `CommentCreated`;
moderation's verdict arrives later as an event (see handlers.py).

A post becomes known here by `PostCreated`. A client may comment on a post the event has not
brought yet (it was written a moment ago): then, and only then, its owner is asked, so a post
the API has confirmed is never answered 404 (docs/decisions/0012-read-your-writes.md).
"""

from django.db import transaction

from common.auth.tokens import Principal
from common.comments.domain import Comment
from common.comments.events import CommentCreated
from common.events import outbox
from common.posts.errors import PostNotFound
from microservices.comments.models import Comment as CommentRow
from microservices.comments.models import KnownPost
from microservices.posts.client import post_facts


def post_known(post_id: int) -> bool:
    """Whether the post exists: from events, or else from its owner (remembered after)."""
    if KnownPost.objects.filter(pk=post_id).exists():
        return True
    if post_facts(post_id) is None:
        return False
    KnownPost.objects.bulk_create([KnownPost(pk=post_id)], ignore_conflicts=True)
    return True


def comment_create(*, author: Principal, post_id: int, content: str) -> Comment:
    if not post_known(post_id):  # outside the write: no lock is held while the owner answers
        raise PostNotFound
    with transaction.atomic():
        row = CommentRow.objects.create(
            post_id=post_id,
            author_id=author.user_id,
            author_username=author.username,
            content=content,
        )
        comment = row.as_comment()
        outbox.record_fact(CommentCreated.of(comment))
    return comment


def comment_list(*, post_id: int, after: int, limit: int) -> list[Comment]:
    rows = CommentRow.objects.filter(post_id=post_id, id__gt=after).order_by("id")[:limit]
    comments = [row.as_comment() for row in rows]
    if not comments and not post_known(post_id):
        raise PostNotFound
    return comments
