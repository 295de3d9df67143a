"""The body of `POST /posts/{id}/comments`."""

from rest_framework import serializers

from common.api.fields import TextField
from common.limits import CONTENT_MAX_LENGTH


class CommentInput(serializers.Serializer):
    content = TextField(max_length=CONTENT_MAX_LENGTH, allow_newlines=True)
