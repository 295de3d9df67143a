"""The token format: a JWT signed with Ed25519 (EdDSA) that names the user.

Only the users feature signs tokens, with the one private key it holds; every process
verifies them locally with the public keys (`common/auth/keys.py`), so no request needs a
call to the users feature to know who is asking, and no other service could mint a token.
A token names its key in the `kid` header, so keys rotate without signing anyone out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from common.auth.keys import SigningKey

ALGORITHM = "EdDSA"
ISSUER = "tandem"
#: How the OpenAPI schema names this scheme (`bearerAuth`, common/settings.py).
OPENAPI_SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


@dataclass(frozen=True)
class Principal:
    """Who a verified token speaks for."""

    user_id: int
    username: str

    is_authenticated = True


class TokenError(Exception):
    code = "token_invalid"
    message = "The token is not valid."


class TokenExpired(TokenError):
    code = "token_expired"
    message = "The token has expired; sign in again."


def issue_token(
    principal: Principal, *, key: SigningKey, ttl: timedelta, now: datetime | None = None
) -> str:
    issued = now or datetime.now(UTC)
    claims = {
        "iss": ISSUER,
        "sub": str(principal.user_id),
        "name": principal.username,
        "iat": issued,
        "exp": issued + ttl,
    }
    return jwt.encode(claims, key.private, algorithm=ALGORITHM, headers={"kid": key.kid})


def verify_token(token: str, *, keys: Mapping[str, Ed25519PublicKey]) -> Principal:
    try:
        key = keys.get(jwt.get_unverified_header(token).get("kid"))
        if key is None:  # not one of ours, whatever it says it is
            raise TokenError
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["iss", "sub", "name", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenExpired from exc
    except (jwt.PyJWTError, TypeError, AttributeError) as exc:
        raise TokenError from exc
    sub, name = claims["sub"], claims["name"]
    if not (isinstance(sub, str) and sub.isdigit() and isinstance(name, str)):
        raise TokenError
    return Principal(user_id=int(sub), username=name)
