"""Decides a comment's status with the shared rules and saves it, inside the comment's write."""

from common.moderation.rules import moderator


def comment_moderate(comment) -> None:
    comment.status = moderator().decide(comment.content).status
    comment.save(update_fields=["status"])
