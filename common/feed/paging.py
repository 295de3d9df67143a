"""Page-number paging for the feed: `?page=N&page_size=M`, the same in both builds.

A page past the end is an empty page, not an error, so a client that pages while posts are
being written never hits a 404. Links are relative, so they stay right behind any gateway.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from rest_framework import serializers

from common.limits import PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX


class QueryInteger(serializers.IntegerField):
    """An integer in a query string, as the schema says: ASCII digits only. DRF's own field
    would also take ` 5`, `5.0` and an empty `page=` (as the default)."""

    def get_value(self, dictionary):
        if self.field_name in dictionary:
            return dictionary[self.field_name]
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if not (isinstance(data, str) and data.isascii() and data.isdigit()):
            self.fail("invalid")
        return super().to_internal_value(data)


class PageQuery(serializers.Serializer):
    page = QueryInteger(min_value=1, max_value=1_000_000, default=1)
    page_size = QueryInteger(min_value=1, max_value=PAGE_SIZE_MAX, default=PAGE_SIZE_DEFAULT)


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @classmethod
    def from_request(cls, request) -> Page:
        query = PageQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return cls(query.validated_data["page"], query.validated_data["page_size"])

    def body(self, *, path: str, count: int, results: list) -> dict:
        def link(number: int) -> str:
            return f"{path}?{urlencode({'page': number, 'page_size': self.size})}"

        has_next = self.offset + len(results) < count
        return {
            "count": count,
            "page": self.number,
            "page_size": self.size,
            "next": link(self.number + 1) if has_next else None,
            "previous": link(self.number - 1) if self.number > 1 else None,
            "results": results,
        }
