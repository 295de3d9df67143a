"""The error shape as serializers, for the OpenAPI schema only (components `Error`,
`ErrorDetail`, `FieldError`). Each feature describes its own shapes beside its
representation (`common/<feature>/representation.py`)."""

from rest_framework import serializers


class FieldErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=FieldErrorSerializer(many=True), required=False)


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()
