"""The API views of Tandem, written once and wired by each build.

Each view does HTTP only: it validates the body with `common.api.inputs`, calls the function
a build gives it (`as_view(post_create=...)`) and returns what that function returns. The
monolith wires its feature apps in; each service of the split build wires its own functions.
The schema decorators live here too, so both builds serve the same contract.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import schemas
from common.api.inputs import CommentInput, PostInput, SignInInput, SignUpInput, parse_body
from common.api.pagination import Page, PageQuery
from common.api.representations import user_repr

BEARER = [{"bearerAuth": []}]


class SignUpApi(APIView):
    permission_classes = [AllowAny]
    #: (username, password) -> a user with `pk` and `username`
    user_create = None

    @extend_schema(
        request=SignUpInput,
        responses={201: schemas.User, 400: schemas.Error, 409: schemas.Error},
        operation_id="users_sign_up",
        auth=[],
    )
    def post(self, request):
        user = self.user_create(**parse_body(SignUpInput, request))
        return Response(user_repr(user_id=user.pk, username=user.username), status=201)


class SignInApi(APIView):
    permission_classes = [AllowAny]
    #: (username, password) -> (user representation, token)
    user_sign_in = None

    @extend_schema(
        request=SignInInput,
        responses={200: schemas.SignIn, 400: schemas.Error, 401: schemas.Error},
        operation_id="users_sign_in",
        auth=[],
    )
    def post(self, request):
        user, token = self.user_sign_in(**parse_body(SignInInput, request))
        return Response(
            {
                "token": token,
                "token_type": "Bearer",
                "expires_in": int(settings.TANDEM_TOKEN_TTL.total_seconds()),
                "user": user,
            }
        )


class FeedApi(APIView):
    #: (page) -> (count of all posts, the page's posts as representations)
    feed_page = None

    @extend_schema(
        parameters=[PageQuery],
        responses={200: schemas.PostPage, 400: schemas.Error},
        operation_id="posts_list",
        auth=[],
    )
    def get(self, request):
        page = Page.from_request(request)
        count, posts = self.feed_page(page)
        return Response(page.body(path=request.path, count=count, results=posts))


class PostCreateApi(APIView):
    #: (author, title) -> the new post's representation
    post_create = None

    @extend_schema(
        request=PostInput,
        responses={201: schemas.Post, 400: schemas.Error, 401: schemas.Error, 413: schemas.Error},
        operation_id="posts_create",
        auth=BEARER,
    )
    def post(self, request):
        post = self.post_create(author=request.user, **parse_body(PostInput, request))
        return Response(post, status=201)


class CommentListApi(APIView):
    #: (post_id) -> the post's comments as representations; NotFound for an unknown post
    comment_list = None

    @extend_schema(
        responses={200: schemas.Comment(many=True), 404: schemas.Error},
        operation_id="comments_list",
        auth=[],
    )
    def get(self, request, post_id: int):
        return Response(self.comment_list(post_id=post_id))


class CommentCreateApi(APIView):
    #: (author, post_id, content) -> the new comment's representation
    comment_create = None

    @extend_schema(
        request=CommentInput,
        responses={
            201: schemas.Comment,
            400: schemas.Error,
            401: schemas.Error,
            404: schemas.Error,
            413: schemas.Error,
        },
        operation_id="comments_create",
        auth=BEARER,
    )
    def post(self, request, post_id: int):
        data = parse_body(CommentInput, request)
        comment = self.comment_create(author=request.user, post_id=post_id, **data)
        return Response(comment, status=201)


class PostCollectionApi(FeedApi, PostCreateApi):
    """GET and POST /posts on one path, for a build that serves both from one process."""


class CommentCollectionApi(CommentListApi, CommentCreateApi):
    """GET and POST /posts/:id/comments."""
