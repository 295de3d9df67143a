"""What the API returns for a comment, and the same shape for the OpenAPI schema (`Comment`)."""

from __future__ import annotations

from datetime import datetime

from rest_framework import serializers

from common.comments.domain import Comment, CommentStatus
from common.timestamps import timestamp
from common.users.representation import UserSerializer, author_from_row, author_repr


def _comment(
    comment_id: int, post_id: int, content: str, status: str, author: dict, created_at: datetime
) -> dict:
    return {
        "id": comment_id,
        "post_id": post_id,
        "content": content,
        "status": status,
        "author": author,
        "created_at": timestamp(created_at),
    }


def comment_repr(comment: Comment) -> dict:
    return _comment(
        comment.id,
        comment.post_id,
        comment.content,
        comment.status.value,
        author_repr(comment.author),
        comment.created_at,
    )


def comment_from_row(row: dict) -> dict:
    """A comment from a row with the keys both builds' feed queries select (no domain
    object: a feed page of hundreds of comments stays a few milliseconds of Python)."""
    return _comment(
        row["id"],
        row["post_id"],
        row["content"],
        row["status"],
        author_from_row(row),
        row["created_at"],
    )


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post_id = serializers.IntegerField()
    content = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in CommentStatus])
    author = UserSerializer()
    created_at = serializers.DateTimeField()
