"""Routes of the posts service: it takes new posts; the query service serves the feed."""

from django.urls import include, path

from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.posts.api import PostCreateApi
from microservices.posts.services import post_create

urlpatterns = [
    path("posts", PostCreateApi.as_view(post_create=post_create)),
    path("", include("common.api.urls")),
]
