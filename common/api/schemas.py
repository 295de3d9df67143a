"""The response shapes of the API as serializers, for the OpenAPI schema only.

Component names in the schema are these class names. Views do not serialize with them; see
`common.api.representations`.
"""

from rest_framework import serializers

from common.moderation import CommentStatus


class User(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class Comment(serializers.Serializer):
    id = serializers.IntegerField()
    post_id = serializers.IntegerField()
    content = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in CommentStatus])
    author = User()
    created_at = serializers.DateTimeField()


class Post(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    author = User()
    created_at = serializers.DateTimeField()
    comments = Comment(many=True)


class PostPage(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = Post(many=True)


class SignIn(serializers.Serializer):
    token = serializers.CharField()
    token_type = serializers.CharField()
    expires_in = serializers.IntegerField()
    user = User()


class FieldError(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorDetail(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=FieldError(many=True), required=False)


class Error(serializers.Serializer):
    error = ErrorDetail()
