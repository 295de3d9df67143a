"""The public paths of Tandem as one URL configuration, for the OpenAPI schema.

Every process of both builds serves `GET /schema` generated from this module, so a client
sees the whole contract whichever process answers, and the behavioural suite checks both
builds against the same document. Nothing here is wired to a build; requests are routed by
each build's own URLs.
"""

from django.urls import path

from common.api import converters, views

converters.register()

urlpatterns = [
    path("users/signup", views.SignUpApi.as_view()),
    path("users/signin", views.SignInApi.as_view()),
    path("posts", views.PostCollectionApi.as_view()),
    path("posts/<id:post_id>/comments", views.CommentCollectionApi.as_view()),
]
