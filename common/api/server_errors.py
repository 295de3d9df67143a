"""What gunicorn answers itself, before a request reaches Django: a request line or a header
too long, a malformed request line. gunicorn writes those as HTML; here they take the API's
one error shape (common/api/errors.py), so a client that sends a URL of ten kilobytes gets
`400 bad_request` in JSON like any other bad input.

`install()` replaces gunicorn's error writer; gunicorn's settings (common/gunicorn.py) call it
in the master, before the workers are forked.
"""

from __future__ import annotations

import json

from gunicorn import util

#: gunicorn's statuses -> the API's codes (common/api/errors.py); anything else is a 400's.
CODES = {400: "bad_request", 403: "forbidden", 431: "headers_too_large", 500: "server_error"}


def json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    code = CODES.get(status_int, "bad_request")
    body = json.dumps({"error": {"code": code, "message": f"{reason}: {mesg}"}})
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, (head + body).encode("latin1"))


def install() -> None:
    util.write_error = json_error
