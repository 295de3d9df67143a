"""What the monolith consumes once moderation has moved to its own service (step 3 of
docs/migration.md): its verdicts, read from the event store by the relay's catch-up. The
monolith still owns comments, so it applies a verdict as the comments service would: once,
to a comment that is still pending, announcing the change with `CommentUpdated`."""

from common.comments.domain import Comment, CommentStatus
from common.events.envelope import Envelope
from common.moderation.events import CommentModerated
from common.users.domain import Author
from monolith.comments.models import Comment as CommentRow
from monolith.publishing import outbox
from monolith.publishing.facts import comment_facts


def comment_moderated(event: Envelope) -> None:
    verdict: CommentModerated = event.payload
    row = CommentRow.objects.select_for_update().select_related("author")
    comment = row.filter(pk=verdict.comment_id).first()
    if comment is None or comment.status != CommentStatus.PENDING:
        return  # the first verdict wins; a comment the monolith judged itself is decided
    comment.status = verdict.status
    comment.save(update_fields=["status"])
    decided = Comment.of(comment, author=Author.of_user(comment.author))
    outbox.record(comment_facts(decided)[1:])  # its verdict; it was written long ago


HANDLERS = {CommentModerated: comment_moderated}
