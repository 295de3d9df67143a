"""Refuses oversize bodies before anything reads them.

Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) applies only to `request.body` and forms, not to
the stream DRF's parsers read, so the limit is enforced here from Content-Length. Servers in
front (gunicorn, nginx) refuse bodies without a length or beyond theirs.
"""

from __future__ import annotations

from common.api.errors import error_response
from common.limits import BODY_MAX_BYTES


class BodyLimitMiddleware:
    def __init__(self, get_response, max_bytes: int = BODY_MAX_BYTES):
        self.get_response = get_response
        self.max_bytes = max_bytes

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return error_response("bad_request", "Content-Length is not a number.")
        if int(length) > self.max_bytes:
            return error_response(
                "payload_too_large",
                f"The body may be at most {self.max_bytes} bytes.",
            )
        return self.get_response(request)
