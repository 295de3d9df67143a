"""Events the moderation service consumes."""

from functools import lru_cache

from django.conf import settings

from common.events import contract, outbox
from common.events.contract import Envelope
from common.moderation import Moderator, moderator_from_settings
from microservices.moderation.models import Verdict


@lru_cache(maxsize=1)
def moderator() -> Moderator:
    return moderator_from_settings(settings.TANDEM_BLOCKED_WORDS)


def comment_created(event: Envelope) -> None:
    """One verdict per comment: the inbox skips a redelivered event, and the unique comment id
    refuses a second verdict should another event ever announce the same comment."""
    data = event.data
    decision = moderator().decide(data["content"])
    Verdict.objects.create(
        comment_id=data["comment_id"],
        post_id=data["post_id"],
        status=decision.status.value,
        reason=decision.reason or "",
    )
    outbox.record(
        contract.comment_moderated(
            comment_id=data["comment_id"],
            post_id=data["post_id"],
            comment_version=event.aggregate_version,
            status=decision.status.value,
            reason=decision.reason,
        )
    )


HANDLERS = {contract.COMMENT_CREATED: comment_created}
