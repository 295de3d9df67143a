"""The monolith's router: every public path of Tandem, wired to the feature apps."""

from django.urls import include, path

from common.api import converters
from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.comments.api import CommentCollectionApi
from common.posts.api import PostCollectionApi, PostFactsApi
from common.users.api import SignInApi, SignUpApi
from common.users.services import user_sign_in
from monolith.comments.selectors import comment_list
from monolith.comments.services import comment_create
from monolith.feed.selectors import feed_page
from monolith.posts.services import post_create, post_find
from monolith.users.services import user_register

converters.register()

urlpatterns = [
    path("users/signup", SignUpApi.as_view(user_create=user_register)),
    path("users/signin", SignInApi.as_view(user_sign_in=user_sign_in)),
    path("posts", PostCollectionApi.as_view(feed_page=feed_page, post_create=post_create)),
    path(
        "posts/<id:post_id>/comments",
        CommentCollectionApi.as_view(comment_list=comment_list, comment_create=comment_create),
    ),
    # For the split build's services while the monolith owns posts (docs/migration.md).
    path("internal/posts/<id:post_id>", PostFactsApi.as_view(post_find=post_find)),
    path("", include("common.api.urls")),
]
