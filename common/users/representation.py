"""What the API returns for users and sign-ins, and the same shapes for the OpenAPI schema.

Views build plain dicts with the functions (fast for a feed of hundreds of authors); the
serializers below describe the same shapes for the schema only, and the behavioural suite
checks every response against that schema, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from datetime import timedelta

from rest_framework import serializers

from common.users.domain import Author, SignedIn, User


def author_repr(author: Author) -> dict:
    return {"id": author.id, "username": author.username}


def user_repr(user: User) -> dict:
    return {"id": user.id, "username": user.username}


def author_from_row(row: dict) -> dict:
    """The author of a row that both builds' queries select as `author_id`, `author_username`."""
    return {"id": row["author_id"], "username": row["author_username"]}


def sign_in_repr(signed_in: SignedIn, *, ttl: timedelta) -> dict:
    return {
        "token": signed_in.token,
        "token_type": "Bearer",
        "expires_in": int(ttl.total_seconds()),
        "user": user_repr(signed_in.user),
    }


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()


class SignInSerializer(serializers.Serializer):
    token = serializers.CharField()
    token_type = serializers.CharField()
    expires_in = serializers.IntegerField()
    user = UserSerializer()
