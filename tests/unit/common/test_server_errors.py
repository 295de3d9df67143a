"""gunicorn's own refusals in the API's error shape (common/api/server_errors.py)."""

import json
import socket

import pytest

from common.api.errors import STATUS_OF
from common.api.server_errors import CODES, json_error


@pytest.mark.parametrize("status", sorted(CODES))
def test_each_status_gunicorn_answers_has_the_code_of_that_status(status):
    assert STATUS_OF[CODES[status]] == status


def test_a_request_line_too_long_is_answered_in_json():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        json_error(ours, 400, "Bad Request", "Request Line is too large (5000 > 4094)")
        head, body = theirs.recv(65536).decode("latin1").split("\r\n\r\n", 1)
    assert head.startswith("HTTP/1.1 400 Bad Request")
    assert "Content-Type: application/json" in head
    assert f"Content-Length: {len(body)}" in head
    error = json.loads(body)["error"]
    assert error["code"] == "bad_request"
    assert "too large" in error["message"]
