"""The facts of the monolith's rows, as the split build's services announce them: the same
events of the same contract (docs/events.md), with the rows' real ids and the aggregate
versions the split build would have reached.

A comment the monolith moderated in its write has two facts: `CommentCreated` at version 1
(pending) and `CommentUpdated` at version 2 (the verdict). Once moderation is a service of
its own, a comment is written pending with the first, and gets the second when the verdict
comes back (monolith/comments/handlers.py).
A user's password hash is never among them: users move by a table copy (docs/migration.md).
"""

from __future__ import annotations

from dataclasses import replace

from common.comments.domain import Comment, CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.payload import Payload
from common.posts.domain import Post
from common.posts.events import PostCreated
from common.users.domain import User
from common.users.events import UserRegistered

#: A fact: the payload, and the version of its aggregate it is about.
Fact = tuple[Payload, int]


def user_facts(user: User) -> list[Fact]:
    return [(UserRegistered.of(user), 1)]


def post_facts(post: Post) -> list[Fact]:
    return [(PostCreated.of(post), 1)]


def comment_facts(comment: Comment) -> list[Fact]:
    """Written (version 1, pending) and, once decided, its verdict (version 2)."""
    written = (CommentCreated.of(replace(comment, status=CommentStatus.PENDING)), 1)
    if comment.status == CommentStatus.PENDING:
        return [written]
    return [written, (CommentUpdated.of(comment), 2)]
