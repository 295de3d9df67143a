"""Log lines (common/logs.py): the request's id on every line and on the answer, and the
JSON shape every line has."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from common import logs


@pytest.fixture
def lines():
    """What the project's formatter writes, one parsed line each."""
    written = []

    class Keep(logging.Handler):
        def emit(self, record):
            written.append(json.loads(self.format(record)))

    handler = Keep()
    handler.setFormatter(logs.formatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level, root.level = root.level, logging.INFO
    yield written
    root.removeHandler(handler)
    root.level = level


def answered(headers: dict, lines):
    def view(request):
        logging.getLogger("tandem.test").info("inside")
        return HttpResponse(status=201)

    request = RequestFactory().post("/posts", headers=headers)
    return logs.request_lines(view)(request)


def test_a_request_id_the_client_sends_is_on_every_line_and_on_the_answer(lines):
    response = answered({"X-Request-Id": "abc-123"}, lines)
    assert response["X-Request-Id"] == "abc-123"
    inside, request = lines
    assert inside["event"] == "inside" and inside["request_id"] == "abc-123"
    assert request["logger"] == "tandem.request" and request["request_id"] == "abc-123"
    assert (request["method"], request["path"], request["status"]) == ("POST", "/posts", 201)


@pytest.mark.parametrize("given", ["", "has spaces", "x" * 65, 'quote"s', "line\nbreak"])
def test_a_request_id_that_is_not_plain_is_replaced_by_one_of_its_own(given, lines):
    response = answered({"X-Request-Id": given}, lines)
    made = response["X-Request-Id"]
    assert made != given and logs.REQUEST_ID.match(made)
    assert all(line["request_id"] == made for line in lines)


def test_lines_about_an_event_name_it(lines):
    with logs.about_event({"id": "e-1"}, 12):
        logging.getLogger("tandem.test").warning("parked")
    logging.getLogger("tandem.test").warning("after")
    about, after = lines
    assert (about["event_id"], about["seq"], about["level"]) == ("e-1", 12, "warning")
    assert "event_id" not in after and "request_id" not in after
