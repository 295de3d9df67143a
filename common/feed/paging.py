"""Keyset paging for the feed: `?cursor=...&page_size=M`, the same in both builds.

The feed is ordered newest first by `(created_at, id)`, the order both builds' index keeps. A
page is read from a position in that order, not from an offset, so reading the millionth
post costs what reading the first does, and a post written while a client pages neither
repeats nor hides a post on the next page. Positions travel as opaque cursors inside the
`next` and `previous` links; there are no page numbers and no total count, since both cost
a walk over the whole table (docs/decisions/0018-keyset-paging.md).

Links are relative, so they stay right behind any gateway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from common.api.query_params import AsGiven, QueryInteger
from common.limits import PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: A cursor: which side of the post (`a`fter it: older; `b`efore it: newer), the post's
#: time in microseconds since 1970 and its id. Every string of this shape is a position
#: (up to the year 5138, ids up to 18 digits), so the schema's pattern is the whole rule.
CURSOR_PATTERN = r"^[ab](0|[1-9][0-9]{0,16})\.([1-9][0-9]{0,17})$"
_CURSOR = re.compile(CURSOR_PATTERN)


class InvalidCursor(ValueError):
    """A cursor this API did not make."""


@dataclass(frozen=True)
class Cursor:
    """A position in the feed's order: the post at `created_at` and `id`, and which side of
    it a page lies on (`before`: the newer posts, for a `previous` link; otherwise the older
    ones, for `next`). The post itself is on neither side. Clients treat it as opaque."""

    created_at: datetime
    id: int
    before: bool = False

    def encode(self) -> str:
        micros = (self.created_at - _EPOCH) // timedelta(microseconds=1)
        return f"{'b' if self.before else 'a'}{micros}.{self.id}"

    @classmethod
    def decode(cls, token: str) -> Cursor:
        match = _CURSOR.fullmatch(token) if isinstance(token, str) else None
        if match is None:
            raise InvalidCursor(token)
        created_at = _EPOCH + timedelta(microseconds=int(match.group(1)))
        return cls(created_at, int(match.group(2)), before=token[0] == "b")

    @classmethod
    def at(cls, row: dict, *, before: bool = False) -> Cursor:
        """The position of a feed row (a dict with `created_at` and `id`)."""
        return cls(row["created_at"], row["id"], before=before)


@extend_schema_field({"type": "string", "pattern": CURSOR_PATTERN})
class CursorField(AsGiven, serializers.CharField):
    default_error_messages = {"invalid": "Not a cursor this API gave: follow `next` links."}

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=False, trim_whitespace=False, **kwargs)

    def to_internal_value(self, data) -> Cursor:
        try:
            return Cursor.decode(data)
        except InvalidCursor:
            self.fail("invalid")


class PageQuery(serializers.Serializer):
    cursor = CursorField(help_text="Where the page starts: from a `next` or `previous` link.")
    page_size = QueryInteger(min_value=1, max_value=PAGE_SIZE_MAX, default=PAGE_SIZE_DEFAULT)


#: A parameter the feed no longer takes, refused with what to do instead rather than
#: ignored: a client asking for page 3 would otherwise silently get the newest page.
RETIRED = {"page": "Page numbers are gone: follow the `next` link."}


@dataclass(frozen=True)
class Page:
    size: int
    cursor: Cursor | None = None

    @classmethod
    def from_request(cls, request) -> Page:
        query = PageQuery(data=request.query_params)
        valid = query.is_valid()
        retired = {
            name: [ErrorDetail(message, code="retired")]
            for name, message in RETIRED.items()
            if name in request.query_params
        }
        if retired or not valid:
            raise serializers.ValidationError({**query.errors, **retired})
        return cls(query.validated_data["page_size"], query.validated_data.get("cursor"))

    def body(
        self, *, path: str, results: list, next: Cursor | None, previous: Cursor | None
    ) -> dict:
        def link(cursor: Cursor | None) -> str | None:
            if cursor is None:
                return None
            return f"{path}?{urlencode({'cursor': cursor.encode(), 'page_size': self.size})}"

        return {
            "page_size": self.size,
            "next": link(next),
            "previous": link(previous),
            "results": results,
        }
