"""The public paths of Tandem as one URL configuration, for the OpenAPI schema.

Every process of both builds serves `GET /schema` generated from this module, so a client
sees the whole contract whichever process answers, and the behavioural suite checks both
builds against the same document. Nothing here is wired to a build (`described()`); requests
are routed by each build's own URLs.
"""

from django.urls import path

from common.api import converters
from common.comments.api import CommentCollectionApi
from common.posts.api import PostCollectionApi
from common.users.api import SignInApi, SignUpApi

converters.register()

urlpatterns = [
    path("users/signup", SignUpApi.described()),
    path("users/signin", SignInApi.described()),
    path("posts", PostCollectionApi.described()),
    path("posts/<id:post_id>/comments", CommentCollectionApi.described()),
]
