"""The monolith's router: every public path of Tandem, wired to the feature apps."""

from django.urls import include, path

from common.api import converters, views
from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.users.services import user_create, user_sign_in
from monolith.comments.selectors import comment_list
from monolith.comments.services import comment_create
from monolith.feed.selectors import feed_page
from monolith.posts.services import post_create

converters.register()

urlpatterns = [
    path("users/signup", views.SignUpApi.as_view(user_create=user_create)),
    path("users/signin", views.SignInApi.as_view(user_sign_in=user_sign_in)),
    path("posts", views.PostCollectionApi.as_view(feed_page=feed_page, post_create=post_create)),
    path(
        "posts/<id:post_id>/comments",
        views.CommentCollectionApi.as_view(
            comment_list=comment_list, comment_create=comment_create
        ),
    ),
    path("", include("common.api.urls")),
]
