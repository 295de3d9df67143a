"""Writes of comments. A new comment is written `pending` and moderated in the same transaction,
so in the monolith nobody ever sees it pending; the split build moderates it later, by event.
On the road to the split build, once moderation is a service of its own
(`TANDEM_MODERATION_IN_WRITE=0`), the monolith does the same: the verdict comes back as an
event (monolith/comments/handlers.py)."""

from django.conf import settings
from django.db import transaction

from common.auth.tokens import Principal
from common.comments.domain import Comment
from common.posts.errors import PostNotFound
from common.users.domain import Author
from common.users.services import unknown_author_refused
from monolith.comments.models import Comment as CommentRow
from monolith.moderation.services import comment_moderate
from monolith.posts.models import Post as PostRow
from monolith.publishing import outbox
from monolith.publishing.facts import comment_facts


def comment_create(*, author: Principal, post_id: int, content: str) -> Comment:
    with unknown_author_refused(), transaction.atomic():
        if not PostRow.objects.filter(pk=post_id).exists():
            raise PostNotFound
        row = CommentRow.objects.create(post_id=post_id, author_id=author.user_id, content=content)
        if settings.TANDEM_MODERATION_IN_WRITE:
            comment_moderate(row)
        comment = Comment.of(row, author=Author.of(author))
        outbox.record(comment_facts(comment))
    return comment
