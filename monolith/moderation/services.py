"""Decides a comment's status with the configured rules and saves it."""

from functools import lru_cache

from django.conf import settings

from common.moderation import Moderator, moderator_from_settings


@lru_cache(maxsize=1)
def moderator() -> Moderator:
    return moderator_from_settings(settings.TANDEM_BLOCKED_WORDS)


def comment_moderate(comment) -> None:
    comment.status = moderator().decide(comment.content).status
    comment.save(update_fields=["status"])
