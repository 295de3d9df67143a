"""A stricter text field than DRF's: only JSON strings, no control characters, valid Unicode.

DRF's CharField turns 42 into "42"; the contract says a title is a string, so a number is an
error. NUL bytes and lone surrogates would reach the database and fail there, so they are
refused here with a 400 instead.
"""

from __future__ import annotations

import unicodedata

from rest_framework import serializers


class TextField(serializers.CharField):
    default_error_messages = {
        "invalid_type": "Must be a string.",
        "control_characters": "Must not contain control characters.",
        "invalid_unicode": "Must be valid Unicode text.",
    }

    def __init__(self, *, allow_newlines: bool = False, **kwargs):
        self.allow_newlines = allow_newlines
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_type")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("invalid_unicode")
        allowed = "\n\t\r" if self.allow_newlines else ""
        if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in data):
            self.fail("control_characters")
        return super().to_internal_value(data)
