"""The fact the posts feature publishes when a post is written."""

from __future__ import annotations

from common.events.payload import Moment, Payload
from common.posts.domain import Post
from common.users.domain import Author


class PostCreated(Payload):
    """A post was written; a post never changes after."""

    TYPE = "PostCreated"
    VERSION = 1
    PRODUCER = "posts"
    AGGREGATE = "post"

    post_id: int
    title: str
    author: Author
    created_at: Moment

    @classmethod
    def of(cls, post: Post) -> PostCreated:
        return cls(
            post_id=post.id, title=post.title, author=post.author, created_at=post.created_at
        )

    @property
    def aggregate_id(self) -> int:
        return self.post_id
