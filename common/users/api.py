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
    wants = {"user_create": UserCreate}

    @extend_schema(
        request=SignUpInput,
        responses={201: UserSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
        operation_id="users_sign_up",
        auth=[],
    )
    def post(self, request):
        user = self.user_create(**parse_body(SignUpInput, request))
        return Response(user_repr(user), status=201)


class SignInApi(WiredApi):
    permission_classes = [AllowAny]
    wants = {"user_sign_in": UserSignIn}

    @extend_schema(
        request=SignInInput,
        responses={200: SignInSerializer, 400: ErrorSerializer, 401: ErrorSerializer},
        operation_id="users_sign_in",
        auth=[],
    )
    def post(self, request):
        signed_in = self.user_sign_in(**parse_body(SignInInput, request))
        return Response(sign_in_repr(signed_in, ttl=settings.TANDEM_TOKEN_TTL))
