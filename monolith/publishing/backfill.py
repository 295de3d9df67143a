"""The backfill: the facts of every row the monolith wrote before it published them, recorded
in its outbox for the relay to deliver (step 1 of docs/migration.md).

Rows are read by id, a chunk at a time, users first, then posts, then comments, each with
`fact_id` ids: run it twice and the second run records nothing; run it while writes go on and
a row it reads that a write has published already is skipped. Nothing is missed as long as
every monolith process publishes before it starts: a row its read does not see was then
written by a process that recorded its facts itself. That is why it refuses to run while
this process does not publish.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from common.comments.domain import Comment
from common.posts.domain import Post
from common.users.domain import Author, User
from common.users.models import User as UserRow
from monolith.comments.models import Comment as CommentRow
from monolith.posts.models import Post as PostRow
from monolith.publishing.facts import comment_facts, post_facts, user_facts
from monolith.publishing.outbox import record_existing


@dataclass
class Tally:
    rows: int = 0
    new_events: int = 0


def _chunks(queryset, size: int) -> Iterator[list]:
    after = 0
    while True:
        chunk = list(queryset.filter(pk__gt=after).order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        after = chunk[-1].pk


def _users(row: UserRow):
    return row.created_at, user_facts(User(row.pk, row.username, row.created_at))


def _posts(row: PostRow):
    return row.created_at, post_facts(Post.of(row, author=Author.of_user(row.author)))


def _comments(row: CommentRow):
    return row.created_at, comment_facts(Comment.of(row, author=Author.of_user(row.author)))


#: What the backfill publishes, in this order, and how a row becomes its facts.
TABLES: dict[str, tuple[Callable, Callable]] = {
    "users": (lambda: UserRow.objects.all(), _users),
    "posts": (lambda: PostRow.objects.select_related("author"), _posts),
    "comments": (lambda: CommentRow.objects.select_related("author"), _comments),
}


def backfill(*, chunk: int = 1000, progress: Callable[[str, Tally], None] | None = None):
    """Records the facts of every row; returns each table's tally."""
    tallies = {}
    for name, (rows, facts_of) in TABLES.items():
        tally = tallies[name] = Tally()
        for part in _chunks(rows(), chunk):
            tally.rows += len(part)
            tally.new_events += record_existing(facts_of(row) for row in part)
            if progress:
                progress(name, tally)
    return tallies
