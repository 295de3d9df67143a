"""The bodies of sign-up and sign-in, validated the same way in both builds."""

from __future__ import annotations

import re

from rest_framework import serializers

from common.api.fields import TextField
from common.limits import (
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    USERNAME_MAX_LENGTH,
    USERNAME_MIN_LENGTH,
)

USERNAME_PATTERN = re.compile(rf"[a-zA-Z0-9_.-]{{{USERNAME_MIN_LENGTH},{USERNAME_MAX_LENGTH}}}")


class Credentials(serializers.Serializer):
    username = TextField(max_length=USERNAME_MAX_LENGTH)
    password = TextField(
        min_length=PASSWORD_MIN_LENGTH,
        max_length=PASSWORD_MAX_LENGTH,
        trim_whitespace=False,
        style={"input_type": "password"},
    )


class SignUpInput(Credentials):
    username = TextField(
        max_length=USERNAME_MAX_LENGTH,
        trim_whitespace=False,
        schema_pattern=f"^{USERNAME_PATTERN.pattern}$",
    )

    def validate_username(self, value: str) -> str:
        if not USERNAME_PATTERN.fullmatch(value):
            raise serializers.ValidationError(
                f"Use {USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} letters, digits, '.', '_' "
                "or '-'.",
                code="invalid",
            )
        return value.lower()


class SignInInput(Credentials):
    def validate_username(self, value: str) -> str:
        return value.lower()
