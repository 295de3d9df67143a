"""The fact moderation publishes in the split build: its verdict on one comment. The comments
service, owner of comments, applies it and announces `CommentUpdated`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from common.comments.domain import CommentStatus
from common.events.payload import Payload
from common.moderation.rules import Decision


class CommentModerated(Payload):
    """Moderation's verdict on a comment, about the comment at the version it judged."""

    TYPE = "CommentModerated"
    VERSION = 1
    PRODUCER = "moderation"
    AGGREGATE = "comment"

    comment_id: int
    post_id: int
    status: Annotated[CommentStatus, Field(strict=False)]  # its value on the wire
    reason: str | None

    @classmethod
    def of(cls, decision: Decision, *, comment_id: int, post_id: int) -> CommentModerated:
        return cls(
            comment_id=comment_id,
            post_id=post_id,
            status=decision.status,
            reason=decision.reason,
        )

    @property
    def aggregate_id(self) -> int:
        return self.comment_id
