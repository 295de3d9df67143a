"""The monolith's router: every public path of Tandem, in one place."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from common.api import converters
from common.api.health import health
from monolith.comments.api import CommentCollectionApi
from monolith.posts.api import PostCollectionApi
from monolith.users.api import SignInApi, SignUpApi

converters.register()

urlpatterns = [
    path("users/signup", SignUpApi.as_view(), name="signup"),
    path("users/signin", SignInApi.as_view(), name="signin"),
    path("posts", PostCollectionApi.as_view(), name="posts"),
    path("posts/<id:post_id>/comments", CommentCollectionApi.as_view(), name="post-comments"),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("health", health, name="health"),
]

handler400 = "common.api.errors.bad_request_handler"
handler404 = "common.api.errors.not_found_handler"
handler500 = "common.api.errors.server_error_handler"
