"""The error shape of common/api/errors.py, for every kind of DRF error."""

import pytest
from rest_framework import exceptions
from rest_framework.exceptions import ErrorDetail

from common.api.errors import ApiError, exception_handler


@pytest.mark.parametrize(
    ("exc", "status", "code"),
    [
        (exceptions.ParseError(), 400, "malformed_json"),
        (exceptions.UnsupportedMediaType("text/plain"), 415, "unsupported_media_type"),
        (exceptions.NotAuthenticated(), 401, "not_authenticated"),
        (exceptions.MethodNotAllowed("PUT"), 405, "method_not_allowed"),
        (exceptions.NotFound(), 404, "not_found"),
        (exceptions.Throttled(wait=3), 429, "throttled"),
        (ApiError("username_taken", "Taken."), 409, "username_taken"),
    ],
)
def test_each_error_gets_its_status_and_stable_code(exc, status, code):
    response = exception_handler(exc, {})
    assert response.status_code == status
    assert response.data["error"]["code"] == code
    assert "fields" not in response.data["error"]


def test_validation_errors_list_each_field_with_codes():
    exc = exceptions.ValidationError(
        {"title": [ErrorDetail("This field may not be blank.", code="blank")]}
    )
    response = exception_handler(exc, {})
    assert response.status_code == 400
    assert response.data["error"]["fields"] == {
        "title": [{"code": "blank", "message": "This field may not be blank."}]
    }


def test_a_401_tells_the_client_how_to_authenticate():
    response = exception_handler(exceptions.NotAuthenticated(), {})
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_throttled_error_says_when_to_retry():
    assert exception_handler(exceptions.Throttled(wait=3), {})["Retry-After"] == "3"


def test_unknown_exceptions_are_left_to_the_server_error_handler():
    assert exception_handler(RuntimeError("boom"), {}) is None


def test_a_store_that_does_not_answer_is_a_503_with_retry_after():
    from django.db import InterfaceError, OperationalError

    for exc in (OperationalError("connection refused"), InterfaceError("connection closed")):
        response = exception_handler(exc, {})
        assert response.status_code == 503
        assert response.data["error"]["code"] == "service_unavailable"
        assert int(response["Retry-After"]) > 0
