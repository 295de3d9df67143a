"""The token format: a JWT signed with HS256 that names the user.

Only the users feature issues tokens; every process verifies them locally with the shared secret,
so no request needs a call to the users feature to know who is asking.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ISSUER = "tandem"
#: How the OpenAPI schema names this scheme (`bearerAuth`, common/settings.py).
OPENAPI_SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
#: Secret a local run uses when none is configured; a system check warns when it is used
#: outside DEBUG.
DEV_SECRET = "tandem-dev-secret-change-me-0123456789abcdef"


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


def issue_token(principal: Principal, *, secret: str, ttl: timedelta, now: datetime | None = None):
    issued = now or datetime.now(UTC)
    claims = {
        "iss": ISSUER,
        "sub": str(principal.user_id),
        "name": principal.username,
        "iat": issued,
        "exp": issued + ttl,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify_token(token: str, *, secret: str) -> Principal:
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": ["iss", "sub", "name", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenExpired from exc
    except jwt.PyJWTError as exc:
        raise TokenError from exc
    sub, name = claims["sub"], claims["name"]
    if not (isinstance(sub, str) and sub.isdigit() and isinstance(name, str)):
        raise TokenError
    return Principal(user_id=int(sub), username=name)
