"""GET and POST /posts/{id}/comments, for whichever build wires them.

The list is read in pages from a comment id on (`?after=<id>&page_size=N`), oldest first,
so a post with a hundred thousand comments costs what one with a hundred does. The body stays
a JSON array; a `Link` header with `rel="next"` (RFC 8288) says where the next page starts,
and its absence that this was the last.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlencode

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from common.api.bodies import parse_body
from common.api.query_params import QueryInteger
from common.api.schema import BEARER
from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.auth.tokens import Principal
from common.comments.domain import Comment
from common.comments.inputs import CommentInput
from common.comments.representation import CommentSerializer, comment_repr
from common.limits import COMMENTS_PAGE_SIZE_DEFAULT, COMMENTS_PAGE_SIZE_MAX, ID_MAX


class CommentList(Protocol):
    """At most `limit` of the post's comments with ids above `after`, oldest first;
    PostNotFound for an unknown post."""

    def __call__(self, *, post_id: int, after: int, limit: int) -> list[Comment]: ...


class CommentCreate(Protocol):
    """Writes a comment; PostNotFound for an unknown post, UnknownAuthor for a gone user."""

    def __call__(self, *, author: Principal, post_id: int, content: str) -> Comment: ...


class CommentPageQuery(serializers.Serializer):
    after = QueryInteger(
        min_value=0,
        max_value=ID_MAX,
        default=0,
        help_text="The page starts after this comment id (from the `Link` header).",
    )
    page_size = QueryInteger(
        min_value=1, max_value=COMMENTS_PAGE_SIZE_MAX, default=COMMENTS_PAGE_SIZE_DEFAULT
    )


class CommentListApi(WiredApi):
    wants = {"comment_list": CommentList}

    @extend_schema(
        parameters=[CommentPageQuery],
        responses={
            200: OpenApiResponse(
                CommentSerializer(many=True),
                description='A page of comments; `Link: <...>; rel="next"` when more follow.',
            ),
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
        operation_id="comments_list",
        auth=[],
    )
    def get(self, request, post_id: int):
        query = CommentPageQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        size = query.validated_data["page_size"]
        comments = self.comment_list(
            post_id=post_id, after=query.validated_data["after"], limit=size + 1
        )
        response = Response([comment_repr(c) for c in comments[:size]])
        if len(comments) > size:
            after = urlencode({"after": comments[size - 1].id, "page_size": size})
            response["Link"] = f'<{request.path}?{after}>; rel="next"'
        return response


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
