"""HTTP for /posts: POST creates a post here, GET reads the feed."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import schemas
from common.api.inputs import PostInput, parse_body
from common.api.pagination import Page, PageQuery
from common.api.representations import post_repr
from monolith.feed.selectors import feed_page
from monolith.posts.services import post_create
from monolith.users.representations import author_repr


class PostCollectionApi(APIView):
    @extend_schema(
        parameters=[PageQuery],
        responses={200: schemas.PostPage, 400: schemas.Error},
        operation_id="posts_list",
        auth=[],
    )
    def get(self, request):
        page = Page.from_request(request)
        count, posts = feed_page(page)
        return Response(page.body(path=request.path, count=count, results=posts))

    @extend_schema(
        request=PostInput,
        responses={201: schemas.Post, 400: schemas.Error, 401: schemas.Error, 413: schemas.Error},
        operation_id="posts_create",
        auth=[{"bearerAuth": []}],
    )
    def post(self, request):
        post = post_create(author=request.user, **parse_body(PostInput, request))
        body = post_repr(
            post_id=post.pk,
            title=post.title,
            author=author_repr(request.user),
            created_at=post.created_at,
            comments=[],
        )
        return Response(body, status=201)
