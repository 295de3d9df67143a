"""Auth middleware: every request passes it, as in the seed's picture of a service.

It reads `Authorization: Bearer <token>`, verifies the token locally and sets `request.principal`
(None when there is no token). A token that is present but bad ends the request with 401, on
reads as well as writes, so a client learns at once that its token is no good. Whether a view
needs a principal is the view's business (see `common.api.authentication`).
"""

from __future__ import annotations

from common.api.errors import error_response
from common.auth.keys import configured_public_keys
from common.auth.tokens import TokenError, verify_token


class TokenAuthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.keys = configured_public_keys()

    def __call__(self, request):
        request.principal = None
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is not None:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return error_response(
                    "token_invalid",
                    "Send the token as 'Authorization: Bearer <token>'.",
                )
            try:
                request.principal = verify_token(token.strip(), keys=self.keys)
            except TokenError as exc:
                return error_response(exc.code, exc.message)
        return self.get_response(request)
