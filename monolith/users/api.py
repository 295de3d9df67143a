"""HTTP for users: POST /users/signup and POST /users/signin."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import schemas
from common.api.inputs import SignInInput, SignUpInput, parse_body
from common.api.representations import user_repr
from monolith.users.services import user_create, user_sign_in


class SignUpApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=SignUpInput,
        responses={201: schemas.User, 400: schemas.Error, 409: schemas.Error},
        operation_id="users_sign_up",
    )
    def post(self, request):
        user = user_create(**parse_body(SignUpInput, request))
        return Response(user_repr(user_id=user.pk, username=user.username), status=201)


class SignInApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        request=SignInInput,
        responses={200: schemas.SignIn, 400: schemas.Error, 401: schemas.Error},
        operation_id="users_sign_in",
    )
    def post(self, request):
        user, token = user_sign_in(**parse_body(SignInInput, request))
        body = {
            "token": token,
            "token_type": "Bearer",
            "expires_in": int(settings.TANDEM_TOKEN_TTL.total_seconds()),
            "user": user_repr(user_id=user.pk, username=user.username),
        }
        return Response(body, status=status.HTTP_200_OK)
