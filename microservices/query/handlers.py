"""Events the query service consumes. Each is idempotent by itself too: a post is written once,
a comment only moves forward in version, so order of arrival does not matter.

Every handler takes a list of events (`Batched`): one when an event arrives live, a thousand
when catch-up replays the store, through the same logic; a handful of statements per batch
whatever its length. Each handler touches its own table, so a batch may apply one type's
events before another's.
"""

from common.comments.events import CommentCreated, CommentUpdated
from common.events.batches import Batched
from common.events.envelope import Envelope
from common.posts.events import PostCreated
from common.users.events import UserRegistered
from microservices.query.models import FeedComment, FeedPost, FeedUser


@Batched
def users_registered(events: list[Envelope]) -> None:
    """The last name announced for a user is the one kept."""
    names = {e.payload.user_id: e.payload.username for e in events}
    FeedUser.objects.bulk_create(
        [FeedUser(pk=user_id, username=name) for user_id, name in names.items()],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["username"],
    )


@Batched
def posts_created(events: list[Envelope]) -> None:
    store_posts([e.payload for e in events])


def store_posts(created: list[PostCreated]) -> None:
    """A post never changes, so a copy that is already here is simply kept (one statement:
    INSERT ... ON CONFLICT DO NOTHING): from its event, or from its owner when a reader
    holds a token for it first (selectors.py)."""
    FeedPost.objects.bulk_create(
        [
            FeedPost(
                pk=post.post_id,
                title=post.title,
                author_id=post.author.id,
                author_username=post.author.username,
                created_at=post.created_at,
            )
            for post in created
        ],
        ignore_conflicts=True,
    )


@Batched
def comments_changed(events: list[Envelope]) -> None:
    """CommentCreated and CommentUpdated both carry the whole comment at a version: the
    newest version of each comment in the batch is written, unless the table already holds
    that version or a newer one (its rows locked while this is decided)."""
    newest: dict[int, FeedComment] = {}
    for event in events:
        comment: CommentCreated | CommentUpdated = event.payload
        seen = newest.get(comment.comment_id)
        if seen is None or seen.version < event.aggregate_version:
            newest[comment.comment_id] = FeedComment(
                pk=comment.comment_id,
                post_id=comment.post_id,
                content=comment.content,
                status=comment.status.value,
                version=event.aggregate_version,
                author_id=comment.author.id,
                author_username=comment.author.username,
                created_at=comment.created_at,
            )
    current = dict(
        FeedComment.objects.select_for_update()
        .filter(pk__in=list(newest))
        .values_list("pk", "version")
    )
    # A comment another process inserts meanwhile makes the insert fail, and the caller
    # tries again: it is never overwritten by an older version.
    FeedComment.objects.bulk_create([row for pk, row in newest.items() if pk not in current])
    newer = [row for pk, row in newest.items() if pk in current and current[pk] < row.version]
    if newer:
        FeedComment.objects.bulk_update(
            newer,
            [
                "post_id",
                "content",
                "status",
                "version",
                "author_id",
                "author_username",
                "created_at",
            ],
        )


HANDLERS = {
    UserRegistered: users_registered,
    PostCreated: posts_created,
    CommentCreated: comments_changed,
    CommentUpdated: comments_changed,
}
