"""Events the comments service consumes. Each runs inside the inbox's transaction."""

from common.comments.domain import CommentStatus
from common.comments.events import CommentUpdated
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
    comment = Comment.objects.select_for_update().get(pk=verdict.comment_id)
    if comment.status != CommentStatus.PENDING:
        return
    comment.status = verdict.status
    comment.version += 1
    comment.save(update_fields=["status", "version"])
    outbox.record(CommentUpdated.of(comment.as_comment()), version=comment.version)


HANDLERS = {
    PostCreated: post_created,
    CommentModerated: comment_moderated,
}
