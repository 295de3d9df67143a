"""Moderation: applies the shared rules of `common.moderation` to a comment, in-process."""
