"""Events the comments service consumes. Each runs inside the inbox's transaction.

While comments move here from the monolith (`TANDEM_TAKING_OVER`, docs/migration.md) it also
copies the monolith's comments from their events, and leaves the verdict on a comment it has
not copied yet to the monolith, which wrote it: the verdict arrives here by its event."""

from django.conf import settings

from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.copied_rows import create_as_of
from common.events import outbox
from common.events.envelope import Envelope
from common.moderation.events import CommentModerated
from common.posts.events import PostCreated
from microservices.comments.models import Comment, KnownPost


def post_created(event: Envelope) -> None:
    post: PostCreated = event.payload
    KnownPost.objects.bulk_create([KnownPost(pk=post.post_id)], ignore_conflicts=True)


def comment_moderated(event: Envelope) -> None:
    """Applies moderation's verdict once and tells the others with `CommentUpdated`.

    A verdict on a comment that is no longer pending changes nothing: the first verdict wins.
    """
    verdict: CommentModerated = event.payload
    comment = Comment.objects.select_for_update().filter(pk=verdict.comment_id).first()
    if comment is None and settings.TANDEM_TAKING_OVER:
        return  # the monolith's, not copied yet: it applies the verdict, and its copy follows
    if comment is None:
        raise Comment.DoesNotExist(f"comment {verdict.comment_id}")
    if comment.status != CommentStatus.PENDING:
        return
    comment.status = verdict.status
    comment.version += 1
    comment.save(update_fields=["status", "version"])
    outbox.record_fact(CommentUpdated.of(comment.as_comment()), version=comment.version)


def comment_copied(event: Envelope) -> None:
    """A comment the monolith wrote or changed, kept with its id, version and moment; a
    version no newer than the one held changes nothing (this service's own events too)."""
    fact: CommentCreated | CommentUpdated = event.payload
    held = Comment.objects.select_for_update().filter(pk=fact.comment_id).first()
    if held is not None and held.version >= event.aggregate_version:
        return
    copied = {
        "post_id": fact.post_id,
        "author_id": fact.author.id,
        "author_username": fact.author.username,
        "content": fact.content,
        "status": fact.status,
        "version": event.aggregate_version,
    }
    if held is None:
        create_as_of(Comment, pk=fact.comment_id, created_at=fact.created_at, **copied)
    else:
        Comment.objects.filter(pk=fact.comment_id).update(**copied, created_at=fact.created_at)


HANDLERS = {
    PostCreated: post_created,
    CommentModerated: comment_moderated,
}

TAKING_OVER = {**HANDLERS, CommentCreated: comment_copied, CommentUpdated: comment_copied}
