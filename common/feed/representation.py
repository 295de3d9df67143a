"""What a page of the feed looks like, and the same shape for the OpenAPI schema (`PostPage`)."""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework import serializers

from common.comments.representation import comment_from_row
from common.posts.representation import PostSerializer, post_from_row


def posts_from_rows(post_rows: Iterable[dict], comment_rows: Iterable[dict]) -> list[dict]:
    """Posts in the order of `post_rows`, each with its comments in the order of
    `comment_rows`: how both builds assemble a feed page from two queries."""
    comments_by_post: dict[int, list[dict]] = {}
    for row in comment_rows:
        comments_by_post.setdefault(row["post_id"], []).append(comment_from_row(row))
    return [post_from_row(row, comments_by_post.get(row["id"], [])) for row in post_rows]


class PostPageSerializer(serializers.Serializer):
    page_size = serializers.IntegerField()
    next = serializers.CharField(
        allow_null=True, help_text="The older posts: null on the last page."
    )
    previous = serializers.CharField(
        allow_null=True, help_text="The newer posts: null on the first page."
    )
    results = PostSerializer(many=True)
