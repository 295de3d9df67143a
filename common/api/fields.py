"""A stricter text field than DRF's: only JSON strings, no control characters, valid Unicode.

DRF's CharField turns 42 into "42"; the contract says a title is a string, so a number is an
error. NUL bytes and lone surrogates would reach the database and fail there, so they are
refused here with a 400 instead. The longest length counts the text as sent, before
trimming, so the schema's `maxLength` says exactly what is accepted; `pattern` describes the
same rules for the schema (`common.api.schema`).
"""

from __future__ import annotations

import unicodedata

from rest_framework import serializers

#: Code points of category Cc (C0, DEL and C1): what "control characters" means here.
_CONTROL = r"\u0000-\u001f\u007f-\u009f"
_ALLOWED_IN_MULTILINE = "\t\n\r"


class TextField(serializers.CharField):
    default_error_messages = {
        "invalid_type": "Must be a string.",
        "control_characters": "Must not contain control characters.",
        "invalid_unicode": "Must be valid Unicode text.",
    }

    def __init__(self, *, allow_newlines: bool = False, schema_pattern: str | None = None, **kw):
        self.allow_newlines = allow_newlines
        self.schema_pattern = schema_pattern
        super().__init__(**kw)

    @property
    def pattern(self) -> str:
        """The rules as a JSON Schema pattern (ECMA-262): no control character (but tabs and
        newlines where they are allowed) and, unless blank text is allowed, something that
        is not whitespace."""
        if self.schema_pattern is not None:
            return self.schema_pattern
        if self.allow_newlines:
            control = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
        else:
            control = _CONTROL
        if self.allow_blank:
            return f"^[^{control}]*$"
        return f"^[^{control}]*[^\\s{control}][^{control}]*$"

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_type")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("invalid_unicode")
        allowed = _ALLOWED_IN_MULTILINE if self.allow_newlines else ""
        if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in data):
            self.fail("control_characters")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)
