"""What the API returns for users, posts and comments.

Views build plain dicts with these functions (fast for a feed of hundreds of objects);
`common.api.schemas` describes the same shapes for the OpenAPI schema, and the behavioural suite
checks responses against that schema, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def user_repr(*, user_id: int, username: str) -> dict:
    return {"id": user_id, "username": username}


def comment_repr(
    *,
    comment_id: int,
    post_id: int,
    content: str,
    status: str,
    author: dict,
    created_at: datetime,
) -> dict:
    return {
        "id": comment_id,
        "post_id": post_id,
        "content": content,
        "status": status,
        "author": author,
        "created_at": timestamp(created_at),
    }


def post_repr(
    *, post_id: int, title: str, author: dict, created_at: datetime, comments: Iterable[dict]
) -> dict:
    return {
        "id": post_id,
        "title": title,
        "author": author,
        "created_at": timestamp(created_at),
        "comments": list(comments),
    }
