"""Query-string parameters as the schema describes them, for every view that takes any (the
feed's paging, a comment list's): a value is read as the client sent it, and an integer is
ASCII digits only."""

from __future__ import annotations

from rest_framework import serializers


class AsGiven:
    """A query parameter's value as the client sent it: DRF takes an empty `name=` for a
    parameter left out, where it is a value to refuse."""

    def get_value(self, dictionary):
        if self.field_name in dictionary:
            return dictionary[self.field_name]
        return super().get_value(dictionary)


class QueryInteger(AsGiven, serializers.IntegerField):
    """An integer in a query string, as the schema says: ASCII digits only. DRF's own field
    would also take ` 5`, `5.0` and an empty `page_size=` (as the default)."""

    def to_internal_value(self, data):
        if not (isinstance(data, str) and data.isascii() and data.isdigit()):
            self.fail("invalid")
        return super().to_internal_value(data)
