"""A comment and the statuses it moves through, as services of both builds return it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from common.users.domain import Author


class CommentStatus(StrEnum):
    """`pending` until moderation decides; then `approved` or `rejected`, for good."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


#: For a model field: `models.CharField(choices=STATUS_CHOICES, ...)`.
STATUS_CHOICES = [(status.value, status.value) for status in CommentStatus]


@dataclass(frozen=True)
class Comment:
    id: int
    post_id: int
    content: str
    status: CommentStatus
    author: Author
    created_at: datetime

    @classmethod
    def of(cls, record, *, author: Author) -> Comment:
        """From either build's stored comment (`pk`, `post_id`, `content`, `status`,
        `created_at`), with its author as the build knows it."""
        return cls(
            id=record.pk,
            post_id=record.post_id,
            content=record.content,
            status=CommentStatus(record.status),
            author=author,
            created_at=record.created_at,
        )
