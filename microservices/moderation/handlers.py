"""Events the moderation service consumes."""

from common.comments.events import CommentCreated
from common.events import outbox
from common.events.envelope import Envelope
from common.moderation.events import CommentModerated
from common.moderation.rules import moderator
from microservices.moderation.models import Verdict


def comment_created(event: Envelope) -> None:
    """One verdict per comment: the inbox skips a redelivered event, and the unique comment id
    refuses a second verdict should another event ever announce the same comment."""
    comment: CommentCreated = event.payload
    decision = moderator().decide(comment.content)
    Verdict.objects.create(
        comment_id=comment.comment_id,
        post_id=comment.post_id,
        status=decision.status.value,
        reason=decision.reason or "",
    )
    outbox.record(
        CommentModerated.of(decision, comment_id=comment.comment_id, post_id=comment.post_id),
        version=event.aggregate_version,
    )


HANDLERS = {CommentCreated: comment_created}
