"""Events the query service consumes. Each is idempotent by itself too: a post is written once,
a comment only moves forward in version, so order of arrival does not matter."""

from datetime import datetime

from common.events import contract
from common.events.contract import Envelope
from microservices.query.models import FeedComment, FeedPost, FeedUser


def user_registered(event: Envelope) -> None:
    user = FeedUser(pk=event.data["user_id"], username=event.data["username"])
    FeedUser.objects.bulk_create(
        [user], update_conflicts=True, unique_fields=["id"], update_fields=["username"]
    )


def post_created(event: Envelope) -> None:
    """A post never changes, so a copy that is already here is simply kept (one statement:
    INSERT ... ON CONFLICT DO NOTHING)."""
    data = event.data
    post = FeedPost(
        pk=data["post_id"],
        title=data["title"],
        author_id=data["author"]["id"],
        author_username=data["author"]["username"],
        created_at=datetime.fromisoformat(data["created_at"]),
    )
    FeedPost.objects.bulk_create([post], ignore_conflicts=True)


def comment_changed(event: Envelope) -> None:
    """CommentCreated and CommentUpdated both carry the whole comment at a version."""
    data = event.data
    fields = {
        "post_id": data["post_id"],
        "content": data["content"],
        "status": data["status"],
        "version": event.aggregate_version,
        "author_id": data["author"]["id"],
        "author_username": data["author"]["username"],
        "created_at": datetime.fromisoformat(data["created_at"]),
    }
    current = FeedComment.objects.select_for_update().filter(pk=data["comment_id"]).first()
    if current is None:
        FeedComment.objects.create(pk=data["comment_id"], **fields)
    elif current.version < event.aggregate_version:
        FeedComment.objects.filter(pk=current.pk).update(**fields)


HANDLERS = {
    contract.USER_REGISTERED: user_registered,
    contract.POST_CREATED: post_created,
    contract.COMMENT_CREATED: comment_changed,
    contract.COMMENT_UPDATED: comment_changed,
}
