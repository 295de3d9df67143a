"""Moderation rules: decide whether a comment is approved or rejected.

A rule looks at the text and returns a rejection reason or None. The moderator applies its rules
in order; the first reason wins. Both builds call `moderator().decide`; the monolith does it
in-process when the comment is written, the split build in the moderation service's worker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from common.comments.domain import CommentStatus

DEFAULT_BLOCKED_WORDS = ("orange",)


@dataclass(frozen=True)
class Decision:
    status: CommentStatus
    reason: str | None = None


Rule = Callable[[str], str | None]


class BlockedWords:
    """Rejects text that contains any of the words as a whole word, ignoring case."""

    def __init__(self, words: Iterable[str]):
        cleaned = sorted({w.strip().casefold() for w in words if w.strip()})
        self.words = tuple(cleaned)
        alternatives = "|".join(re.escape(w) for w in cleaned)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if cleaned else None

    def __call__(self, text: str) -> str | None:
        if self._pattern is None:
            return None
        match = self._pattern.search(text.casefold())
        return f"blocked_word:{match.group(0)}" if match else None


class Moderator:
    def __init__(self, rules: Iterable[Rule]):
        self.rules = tuple(rules)

    def decide(self, text: str) -> Decision:
        for rule in self.rules:
            reason = rule(text)
            if reason is not None:
                return Decision(CommentStatus.REJECTED, reason)
        return Decision(CommentStatus.APPROVED)


def moderator_from_settings(blocked_words: Iterable[str] | None = None) -> Moderator:
    """A moderator with the blocked-word rule and this list (the default list if None)."""
    words = DEFAULT_BLOCKED_WORDS if blocked_words is None else blocked_words
    return Moderator([BlockedWords(words)])


@lru_cache(maxsize=1)
def moderator() -> Moderator:
    """The moderator both builds use: the rules with `TANDEM_BLOCKED_WORDS`."""
    return moderator_from_settings(settings.TANDEM_BLOCKED_WORDS)
