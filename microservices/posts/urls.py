"""Routes of the posts service: it takes new posts, and tells other services about one they
have not heard of yet; the query service serves the feed."""

from django.urls import include, path

from common.api import converters
from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.posts.api import PostCreateApi, PostFactsApi
from microservices.posts.services import post_create, post_find

converters.register()

urlpatterns = [
    path("posts", PostCreateApi.as_view(post_create=post_create)),
    path("internal/posts/<id:post_id>", PostFactsApi.as_view(post_find=post_find)),
    path("", include("common.api.urls")),
]
