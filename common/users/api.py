"""POST /users/signup and POST /users/signin, for whichever build wires them."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from common.api.bodies import parse_body
from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.users.attempts import (
    SIGN_IN_ADDRESS,
    SIGN_UP_ADDRESS,
    sign_in_attempt,
    sign_up_attempt,
)
from common.users.domain import SignedIn, User
from common.users.inputs import SignInInput, SignUpInput
from common.users.representation import (
    SignInSerializer,
    UserSerializer,
    sign_in_repr,
    user_repr,
)


class UserCreate(Protocol):
    """Registers a user; UsernameTaken if the name is in use."""

    def __call__(self, *, username: str, password: str) -> User: ...


class UserSignIn(Protocol):
    """A token for the pair; InvalidCredentials for any wrong one."""

    def __call__(self, *, username: str, password: str) -> SignedIn: ...


class SignUpApi(WiredApi):
    permission_classes = [AllowAny]
    attempts_group = SIGN_UP_ADDRESS
    wants = {"user_create": UserCreate}

    @extend_schema(
        request=SignUpInput,
        responses={
            201: UserSerializer,
            400: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
            503: ErrorSerializer,
        },
        operation_id="users_sign_up",
        auth=[],
    )
    def post(self, request):
        body = parse_body(SignUpInput, request)
        sign_up_attempt(request)
        user = self.user_create(**body)
        return Response(user_repr(user), status=201)


class SignInApi(WiredApi):
    permission_classes = [AllowAny]
    attempts_group = SIGN_IN_ADDRESS
    wants = {"user_sign_in": UserSignIn}

    @extend_schema(
        request=SignInInput,
        responses={
            200: SignInSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            429: ErrorSerializer,
            503: ErrorSerializer,
        },
        operation_id="users_sign_in",
        auth=[],
    )
    def post(self, request):
        body = parse_body(SignInInput, request)
        with sign_in_attempt(request, body["username"]):
            signed_in = self.user_sign_in(**body)
        return Response(sign_in_repr(signed_in, ttl=settings.TANDEM_TOKEN_TTL))
