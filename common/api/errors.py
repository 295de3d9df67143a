"""One error shape for every failure, with a stable code that clients can branch on.

    {"error": {"code": "validation_failed", "message": "...",
               "fields": {"title": [{"code": "blank", "message": "..."}]}}}

`fields` is present only for validation errors. Codes are part of the contract: adding one is
fine, renaming one breaks clients. `STATUS_OF` below is the one list of them with their
statuses (docs/api.md lists the same; a test holds the two together), and `DOMAIN_ERRORS` is
the one place where a feature's refusal becomes an HTTP answer.
"""

from __future__ import annotations

import logging
import math

from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response

from common.errors import DomainError, StoreUnavailable, Unavailable
from common.posts.errors import PostNotFound
from common.users.errors import (
    InvalidCredentials,
    TooManyAttempts,
    UnknownAuthor,
    UsernameTaken,
)

logger = logging.getLogger(__name__)

#: Every code the API answers with, and its status.
STATUS_OF: dict[str, int] = {
    "malformed_json": 400,
    "invalid_body": 400,
    "validation_failed": 400,
    "bad_request": 400,
    "invalid_consistency_token": 400,
    "not_authenticated": 401,
    "token_invalid": 401,
    "token_expired": 401,
    "invalid_credentials": 401,
    "forbidden": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "not_acceptable": 406,
    "username_taken": 409,
    "payload_too_large": 413,
    "headers_too_large": 431,
    "unsupported_media_type": 415,
    "throttled": 429,
    "server_error": 500,
    # A store (the database) that does not answer, in either build; in the split build also
    # the gateway (k8s/base/gateway) when the service for a path is down, or a service whose
    # answer needs one that does not answer (OwnerUnavailable).
    "service_unavailable": 503,
}

#: A feature's refusal -> the code a client sees (its status is STATUS_OF[code]).
DOMAIN_ERRORS: dict[type[DomainError], str] = {
    UsernameTaken: "username_taken",
    InvalidCredentials: "invalid_credentials",
    UnknownAuthor: "token_invalid",
    PostNotFound: "not_found",
    TooManyAttempts: "throttled",
    Unavailable: "service_unavailable",
}

#: DRF's own exceptions -> code and message.
_DRF_CODES = {
    exceptions.ParseError: ("malformed_json", "The request body is not valid JSON."),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        "Send the body as application/json.",
    ),
    exceptions.NotAuthenticated: ("not_authenticated", "Sign in and send your token."),
    exceptions.AuthenticationFailed: ("token_invalid", "The token is not valid."),
    exceptions.PermissionDenied: ("forbidden", "You may not do this."),
    exceptions.NotFound: ("not_found", "Not found."),
    exceptions.MethodNotAllowed: ("method_not_allowed", "This method is not allowed here."),
    exceptions.NotAcceptable: ("not_acceptable", "This API answers in application/json only."),
    exceptions.Throttled: ("throttled", "Too many requests; slow down."),
}


class ApiError(exceptions.APIException):
    """An error the API layer itself raises (a body that is not an object, say)."""

    def __init__(self, code: str, message: str):
        super().__init__(detail=message, code=code)
        self.status_code = STATUS_OF[code]
        self.error_code = code
        self.message = message


def status_and_code(exc: DomainError) -> tuple[int, str]:
    code = next(code for kind, code in DOMAIN_ERRORS.items() if isinstance(exc, kind))
    return STATUS_OF[code], code


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    error = {"code": code, "message": message}
    if fields is not None:
        error["fields"] = fields
    return {"error": error}


def _auth_headers(status: int) -> dict:
    return {"WWW-Authenticate": 'Bearer realm="tandem"'} if status == 401 else {}


def error_response(code: str, message: str, fields: dict | None = None):
    """A plain Django response, for middleware and URL handlers that run outside DRF."""
    status = STATUS_OF[code]
    return JsonResponse(
        error_body(code, message, fields),
        status=status,
        headers=_auth_headers(status),
        json_dumps_params={"separators": (",", ":")},
    )


def _field_errors(detail) -> dict:
    """DRF's nested ErrorDetail lists, flattened to {field: [{code, message}]}."""
    if isinstance(detail, dict):
        return {name: _flatten(errors) for name, errors in detail.items()}
    return {"body": _flatten(detail)}


def _flatten(errors) -> list[dict]:
    if isinstance(errors, dict):
        return [item for nested in errors.values() for item in _flatten(nested)]
    if isinstance(errors, list):
        return [item for error in errors for item in _flatten(error)]
    return [{"code": getattr(errors, "code", "invalid"), "message": str(errors)}]


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error a view raises leaves in the one shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, OperationalError | InterfaceError):
        logger.warning("a store is not answering: %r", exc)
        exc = StoreUnavailable()
    wait = getattr(exc, "wait", None) or getattr(exc, "retry_after", None)
    if isinstance(exc, DomainError):
        status, code = status_and_code(exc)
        body = error_body(code, exc.message)
    elif isinstance(exc, ApiError):
        status, body = exc.status_code, error_body(exc.error_code, exc.message)
    elif isinstance(exc, exceptions.ValidationError):
        status = 400
        body = error_body(
            "validation_failed", "Some fields are not valid.", _field_errors(exc.detail)
        )
    elif isinstance(exc, exceptions.APIException):
        status = exc.status_code
        code, message = next(
            (pair for kind, pair in _DRF_CODES.items() if isinstance(exc, kind)),
            (str(exc.default_code), str(exc.detail)),
        )
        body = error_body(code, message)
    else:
        return None
    headers = _auth_headers(status)
    if wait:
        headers["Retry-After"] = str(math.ceil(wait))
    return Response(body, status=status, headers=headers)


def not_found_handler(request, exception=None):
    return error_response("not_found", "No such resource.")


def server_error_handler(request):
    return error_response("server_error", "Something went wrong on our side.")


def bad_request_handler(request, exception=None):
    return error_response("bad_request", "The request could not be understood.")
