"""One error shape for every failure, with a stable code that clients can branch on.

    {"error": {"code": "validation_failed", "message": "...",
               "fields": {"title": [{"code": "blank", "message": "..."}]}}}

`fields` is present only for validation errors. Codes are part of the contract: adding one is
fine, renaming one breaks clients.
"""

from __future__ import annotations

import logging

from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class ApiError(exceptions.APIException):
    """An error a service raises on purpose, with its own status and code."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(detail=message, code=code)
        self.status_code = status
        self.error_code = code
        self.message = message


class NotFound(ApiError):
    def __init__(self, message: str = "Not found."):
        super().__init__(404, "not_found", message)


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    error = {"code": code, "message": message}
    if fields is not None:
        error["fields"] = fields
    return {"error": error}


def _auth_headers(status: int) -> dict:
    return {"WWW-Authenticate": 'Bearer realm="tandem"'} if status == 401 else {}


def error_response(status: int, code: str, message: str, fields: dict | None = None):
    """A plain Django response, for middleware and URL handlers that run outside DRF."""
    return JsonResponse(
        error_body(code, message, fields),
        status=status,
        headers=_auth_headers(status),
        json_dumps_params={"separators": (",", ":")},
    )


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
    if isinstance(exc, ApiError):
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
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    return Response(body, status=status, headers=headers)


def not_found_handler(request, exception=None):
    return error_response(404, "not_found", "No such resource.")


def server_error_handler(request):
    return error_response(500, "server_error", "Something went wrong on our side.")


def bad_request_handler(request, exception=None):
    return error_response(400, "bad_request", "The request could not be understood.")
