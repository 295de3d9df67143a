"""Events the comments service consumes. Each runs inside the inbox's transaction."""

from common.events import contract, outbox
from common.events.contract import Envelope
from common.moderation import CommentStatus
from microservices.comments.models import Comment, KnownPost
from microservices.comments.services import comment_to_dict


def post_created(event: Envelope) -> None:
    KnownPost.objects.bulk_create([KnownPost(pk=event.data["post_id"])], ignore_conflicts=True)


def comment_moderated(event: Envelope) -> None:
    """Applies moderation's verdict once and tells the others with `CommentUpdated`.

    A verdict on a comment that is no longer pending changes nothing: the first verdict wins.
    """
    comment = Comment.objects.select_for_update().get(pk=event.data["comment_id"])
    if comment.status != CommentStatus.PENDING:
        return
    comment.status = CommentStatus(event.data["status"])
    comment.version += 1
    comment.save(update_fields=["status", "version"])
    outbox.record(
        contract.comment_updated(comment=comment_to_dict(comment), version=comment.version)
    )


HANDLERS = {
    contract.POST_CREATED: post_created,
    contract.COMMENT_MODERATED: comment_moderated,
}
