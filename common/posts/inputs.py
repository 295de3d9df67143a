"""The body of `POST /posts`."""

from rest_framework import serializers

from common.api.fields import TextField
from common.limits import TITLE_MAX_LENGTH


class PostInput(serializers.Serializer):
    title = TextField(max_length=TITLE_MAX_LENGTH)
