"""Reading a request body with a feature's input serializer, the same way in every view."""

from __future__ import annotations

from rest_framework import serializers

from common.api.errors import ApiError


def parse_body(serializer_class: type[serializers.Serializer], request) -> dict:
    """Validated data of a JSON object body, or the error a client should see."""
    if not isinstance(request.data, dict):
        raise ApiError("invalid_body", "The request body must be a JSON object.")
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
