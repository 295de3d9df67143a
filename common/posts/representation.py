"""What the API returns for a post, and the same shape for the OpenAPI schema (`Post`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rest_framework import serializers

from common.comments.representation import CommentSerializer
from common.posts.domain import Post
from common.timestamps import timestamp
from common.users.representation import UserSerializer, author_from_row, author_repr


def _post(post_id: int, title: str, author: dict, created_at: datetime, comments: list) -> dict:
    return {
        "id": post_id,
        "title": title,
        "author": author,
        "created_at": timestamp(created_at),
        "comments": comments,
    }


def post_repr(post: Post, comments: Iterable[dict] = ()) -> dict:
    return _post(post.id, post.title, author_repr(post.author), post.created_at, list(comments))


def post_from_row(row: dict, comments: list[dict]) -> dict:
    """A post from a row with the keys both builds' feed queries select (no domain object:
    a feed page of a hundred posts is then a few milliseconds of Python, not tens)."""
    return _post(row["id"], row["title"], author_from_row(row), row["created_at"], comments)


class PostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    author = UserSerializer()
    created_at = serializers.DateTimeField()
    comments = CommentSerializer(many=True)
