"""POST /posts, and /posts with the feed's GET, for whichever build wires them."""

from __future__ import annotations

from typing import Protocol

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from common.api.bodies import parse_body
from common.api.schema import BEARER
from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.auth.tokens import Principal
from common.feed.api import FeedApi
from common.feed.read_after import HEADER, token_for
from common.posts.domain import Post
from common.posts.inputs import PostInput
from common.posts.representation import PostSerializer, post_repr


class PostCreate(Protocol):
    """Writes a post; UnknownAuthor for a token whose user is gone."""

    def __call__(self, *, author: Principal, title: str) -> Post: ...


class PostCreateApi(WiredApi):
    wants = {"post_create": PostCreate}

    @extend_schema(
        request=PostInput,
        responses={
            201: PostSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            413: ErrorSerializer,
        },
        operation_id="posts_create",
        auth=BEARER,
    )
    def post(self, request):
        post = self.post_create(author=request.user, **parse_body(PostInput, request))
        return Response(post_repr(post), status=201, headers={HEADER: token_for(post)})


class PostCollectionApi(FeedApi, PostCreateApi):
    """GET and POST /posts on one path, for a build that serves both from one process."""
