"""Routes of the users service."""

from django.urls import include, path

from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.users.api import SignInApi, SignUpApi
from common.users.services import user_sign_in
from microservices.users.services import user_register

urlpatterns = [
    path("users/signup", SignUpApi.as_view(user_create=user_register)),
    path("users/signin", SignInApi.as_view(user_sign_in=user_sign_in)),
    path("", include("common.api.urls")),
]
