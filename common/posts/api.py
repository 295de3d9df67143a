"""POST /posts, /posts with the feed's GET, and a post's facts for other services, for whichever
build wires them."""

from __future__ import annotations

from typing import Protocol

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from common.api.bodies import parse_body
from common.api.schema import BEARER
from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.auth.tokens import Principal
from common.feed.api import FeedApi
from common.feed.read_after import HEADER, token_for
from common.posts.domain import Post
from common.posts.errors import PostNotFound
from common.posts.events import PostCreated
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


class PostFind(Protocol):
    """The post with this id, or None."""

    def __call__(self, post_id: int) -> Post | None: ...


@extend_schema(exclude=True)
class PostFactsApi(WiredApi):
    """`GET /internal/posts/{id}`: the facts of one post, as its `PostCreated` event carries
    them, for a service that holds a post its event has not brought yet
    (microservices/posts/client.py). The posts service answers it; so does the monolith,
    while it still owns posts on the road to the split build (docs/migration.md). The
    gateway does not pass this path on."""

    permission_classes = [AllowAny]
    wants = {"post_find": PostFind}

    def get(self, request, post_id: int):
        post = self.post_find(post_id)
        if post is None:
            raise PostNotFound
        return Response(PostCreated.of(post).model_dump(mode="json"))
