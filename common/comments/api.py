"""GET and POST /posts/{id}/comments, for whichever build wires them."""

from __future__ import annotations

from typing import Protocol

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from common.api.bodies import parse_body
from common.api.schema import BEARER
from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.auth.tokens import Principal
from common.comments.domain import Comment
from common.comments.inputs import CommentInput
from common.comments.representation import CommentSerializer, comment_repr


class CommentList(Protocol):
    """The post's comments, oldest first; PostNotFound for an unknown post."""

    def __call__(self, *, post_id: int) -> list[Comment]: ...


class CommentCreate(Protocol):
    """Writes a comment; PostNotFound for an unknown post, UnknownAuthor for a gone user."""

    def __call__(self, *, author: Principal, post_id: int, content: str) -> Comment: ...


class CommentListApi(WiredApi):
    wants = {"comment_list": CommentList}

    @extend_schema(
        responses={200: CommentSerializer(many=True), 404: ErrorSerializer},
        operation_id="comments_list",
        auth=[],
    )
    def get(self, request, post_id: int):
        return Response([comment_repr(c) for c in self.comment_list(post_id=post_id)])


class CommentCreateApi(WiredApi):
    wants = {"comment_create": CommentCreate}

    @extend_schema(
        request=CommentInput,
        responses={
            201: CommentSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            404: ErrorSerializer,
            413: ErrorSerializer,
        },
        operation_id="comments_create",
        auth=BEARER,
    )
    def post(self, request, post_id: int):
        data = parse_body(CommentInput, request)
        comment = self.comment_create(author=request.user, post_id=post_id, **data)
        return Response(comment_repr(comment), status=201)


class CommentCollectionApi(CommentListApi, CommentCreateApi):
    """GET and POST /posts/{id}/comments on one path."""
