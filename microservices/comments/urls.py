"""Routes of the comments service."""

from django.urls import include, path

from common.api import converters
from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.comments.api import CommentCollectionApi
from microservices.comments.services import comment_create, comment_list

converters.register()

urlpatterns = [
    path(
        "posts/<id:post_id>/comments",
        CommentCollectionApi.as_view(comment_list=comment_list, comment_create=comment_create),
    ),
    path("", include("common.api.urls")),
]
