"""The facts the comments feature publishes: a comment was written, and a comment changed.

Both carry the whole comment at a version (the envelope's aggregate version), so the feed
can show either without asking anyone; an older version arriving late changes nothing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from common.comments.domain import Comment, CommentStatus
from common.events.payload import Moment, Payload
from common.users.domain import Author


class _WholeComment(Payload):
    PRODUCER = "comments"
    AGGREGATE = "comment"

    comment_id: int
    post_id: int
    content: str
    status: Annotated[CommentStatus, Field(strict=False)]  # its value on the wire
    author: Author
    created_at: Moment

    @classmethod
    def of(cls, comment: Comment):
        return cls(
            comment_id=comment.id,
            post_id=comment.post_id,
            content=comment.content,
            status=comment.status,
            author=comment.author,
            created_at=comment.created_at,
        )

    @property
    def aggregate_id(self) -> int:
        return self.comment_id


class CommentCreated(_WholeComment):
    """A comment was written; it is `pending` until moderation decides (version 1)."""

    TYPE = "CommentCreated"
    VERSION = 1


class CommentUpdated(_WholeComment):
    """A comment changed (its status, so far); the generic fact the feed follows."""

    TYPE = "CommentUpdated"
    VERSION = 1
