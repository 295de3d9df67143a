"""HTTP for /posts/:id/comments."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import schemas
from common.api.inputs import CommentInput, parse_body
from monolith.comments.selectors import comment_list, comment_to_dict
from monolith.comments.services import comment_create


class CommentCollectionApi(APIView):
    @extend_schema(
        responses={200: schemas.Comment(many=True), 404: schemas.Error},
        operation_id="comments_list",
        auth=[],
    )
    def get(self, request, post_id: int):
        return Response(comment_list(post_id=post_id))

    @extend_schema(
        request=CommentInput,
        responses={
            201: schemas.Comment,
            400: schemas.Error,
            401: schemas.Error,
            404: schemas.Error,
        },
        operation_id="comments_create",
        auth=[{"bearerAuth": []}],
    )
    def post(self, request, post_id: int):
        data = parse_body(CommentInput, request)
        comment = comment_create(author=request.user, post_id=post_id, **data)
        return Response(comment_to_dict(comment), status=201)
