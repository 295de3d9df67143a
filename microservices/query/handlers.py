"""Events the query service consumes. Each is idempotent by itself too: a post is written once,
a comment only moves forward in version, so order of arrival does not matter."""

from common.comments.events import CommentCreated, CommentUpdated
from common.events.envelope import Envelope
from common.posts.events import PostCreated
from common.users.events import UserRegistered
from microservices.query.models import FeedComment, FeedPost, FeedUser


def user_registered(event: Envelope) -> None:
    registered: UserRegistered = event.payload
    user = FeedUser(pk=registered.user_id, username=registered.username)
    FeedUser.objects.bulk_create(
        [user], update_conflicts=True, unique_fields=["id"], update_fields=["username"]
    )


def post_created(event: Envelope) -> None:
    store_post(event.payload)


def store_post(created: PostCreated) -> None:
    """A post never changes, so a copy that is already here is simply kept (one statement:
    INSERT ... ON CONFLICT DO NOTHING): from its event, or from its owner when a reader
    holds a token for it first (selectors.py)."""
    post = FeedPost(
        pk=created.post_id,
        title=created.title,
        author_id=created.author.id,
        author_username=created.author.username,
        created_at=created.created_at,
    )
    FeedPost.objects.bulk_create([post], ignore_conflicts=True)


def comment_changed(event: Envelope) -> None:
    """CommentCreated and CommentUpdated both carry the whole comment at a version."""
    comment: CommentCreated | CommentUpdated = event.payload
    fields = {
        "post_id": comment.post_id,
        "content": comment.content,
        "status": comment.status.value,
        "version": event.aggregate_version,
        "author_id": comment.author.id,
        "author_username": comment.author.username,
        "created_at": comment.created_at,
    }
    current = FeedComment.objects.select_for_update().filter(pk=comment.comment_id).first()
    if current is None:
        FeedComment.objects.create(pk=comment.comment_id, **fields)
    elif current.version < event.aggregate_version:
        FeedComment.objects.filter(pk=current.pk).update(**fields)


HANDLERS = {
    UserRegistered: user_registered,
    PostCreated: post_created,
    CommentCreated: comment_changed,
    CommentUpdated: comment_changed,
}
