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


def comment_from_row(row: dict) -> dict:
    """A comment from a database row with the keys both builds' feed queries select."""
    return comment_repr(
        comment_id=row["id"],
        post_id=row["post_id"],
        content=row["content"],
        status=row["status"],
        author=user_repr(user_id=row["author_id"], username=row["author_username"]),
        created_at=row["created_at"],
    )


def posts_from_rows(post_rows: Iterable[dict], comment_rows: Iterable[dict]) -> list[dict]:
    """Posts in the order of `post_rows`, each with its comments in the order of
    `comment_rows`: how both builds assemble a feed page from two queries."""
    comments_by_post: dict[int, list[dict]] = {}
    for row in comment_rows:
        comments_by_post.setdefault(row["post_id"], []).append(comment_from_row(row))
    return [
        post_repr(
            post_id=row["id"],
            title=row["title"],
            author=user_repr(user_id=row["author_id"], username=row["author_username"]),
            created_at=row["created_at"],
            comments=comments_by_post.get(row["id"], []),
        )
        for row in post_rows
    ]
