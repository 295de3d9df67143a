"""A post, as services of both builds return it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from common.users.domain import Author


@dataclass(frozen=True)
class Post:
    id: int
    title: str
    author: Author
    created_at: datetime

    @classmethod
    def of(cls, record, *, author: Author) -> Post:
        """From either build's stored post (`pk`, `title`, `created_at`), with its author as
        the build knows it."""
        return cls(id=record.pk, title=record.title, author=author, created_at=record.created_at)
