"""One request, one trace: a comment through the split build is followed from the request in
comments through the bus to moderation, back to comments and on to the query service; an
event that arrives by catch-up still belongs to the request that caused it; the monolith's
trace of the same request is one process's."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import pytest

from tests.observability.conftest import api_of
from tests.support.otlp_receiver import Receiver, Span

SERVER, CONSUMER = 2, 5


def request_span(
    receiver: Receiver, service: str, method: str, path_end: str, since: set[str]
) -> Span:
    """The server span of the request to `service` whose route ends with `path_end`, other
    than the spans in `since`."""

    def found():
        return [
            span
            for span in receiver.find(lambda s: s.service == service and s.kind == SERVER)
            if span.attributes.get("http.request.method", span.attributes.get("http.method"))
            == method
            and str(span.attributes.get("http.route", span.name)).endswith(path_end)
            and span.span_id not in since
        ]

    return receiver.wait_for(found, what=f"{service}'s span of {method} ...{path_end}")[-1]


def ancestors(span: Span, spans: list[Span]) -> list[Span]:
    by_id = {s.span_id: s for s in spans}
    chain = []
    while span.parent_id and span.parent_id in by_id:
        span = by_id[span.parent_id]
        chain.append(span)
    return chain


def complete(spans: list[Span]) -> bool:
    """Every parent a span names has arrived too: the trace is whole."""
    ids = {s.span_id for s in spans}
    return all(not s.parent_id or s.parent_id in ids for s in spans)


def one_named(spans: list[Span], service: str, name: str) -> Span:
    matching = [s for s in spans if s.service == service and s.name == name]
    assert len(matching) == 1, f"{service}: {name} {len(matching)} times"
    return matching[0]


def seen_server_spans(receiver: Receiver) -> set[str]:
    return {s.span_id for s in receiver.find(lambda s: s.kind == SERVER)}


WANTED = [
    ("moderation", "handle CommentCreated"),
    ("query", "handle CommentCreated"),
    ("comments", "handle CommentModerated"),
    ("query", "handle CommentUpdated"),
]


@dataclass
class CommentTrace:
    root: Span
    spans: list[Span]
    request_id: str


@pytest.fixture(scope="module")
def comment_trace(split, receiver) -> CommentTrace:
    """One comment written through the split build, settled, and its whole trace."""
    api = api_of(split)
    writer = api.new_user("writer")
    post = api.create_post(writer, "traced")
    api.wait_for_post(post["id"])
    before = seen_server_spans(receiver)

    request_id = f"test-{uuid.uuid4().hex[:12]}"
    created = api.post(
        f"/posts/{post['id']}/comments",
        json={"content": "a traced comment"},
        headers={**writer.auth, "X-Request-Id": request_id},
    )
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-Id"] == request_id
    api.wait_for_comment_in_feed(post["id"], created.json()["id"], "approved")
    root = request_span(receiver, "comments", "POST", "comments", before)

    def whole():
        spans = receiver.trace(root.trace_id)
        names = {(s.service, s.name) for s in spans}
        ingested = any(s.service == "eventbus" and s.kind == CONSUMER for s in spans)
        return spans if ingested and set(WANTED) <= names and complete(spans) else None

    spans = receiver.wait_for(whole, what="the comment's whole trace")
    return CommentTrace(root, spans, request_id)


def test_a_comment_is_one_trace_across_every_service(comment_trace):
    root, spans = comment_trace.root, comment_trace.spans
    assert not root.parent_id, "the request starts the trace"
    assert {s.service for s in spans} >= {"comments", "eventbus", "moderation", "query"}

    moderated = one_named(spans, "moderation", "handle CommentCreated")
    verdict = one_named(spans, "comments", "handle CommentModerated")
    shown = one_named(spans, "query", "handle CommentUpdated")
    assert root in ancestors(moderated, spans)
    assert moderated in ancestors(verdict, spans), "the verdict is caused by moderation"
    assert verdict in ancestors(shown, spans), "the update is caused by the verdict"
    # The bus's ingest stores the event in its database: PostgreSQL's spans under it.
    ingest = [s for s in spans if s.service == "eventbus" and s.kind == CONSUMER]
    assert any(
        any(i in ancestors(s, spans) for i in ingest)
        for s in spans
        if s.service == "eventbus" and "db.system" in s.attributes
    ), "the bus's store shows its queries"


def log_lines(split) -> dict[str, list[dict]]:
    """Every JSON line each process of the split build logged, by process."""
    lines = {}
    for label, path in split.logs().items():
        lines[label] = []
        for text in path.read_text(errors="replace").splitlines():
            if text.startswith("{"):
                lines[label].append(json.loads(text))
    return lines


def test_its_log_lines_carry_its_trace_in_every_service(split, comment_trace):
    trace_id = comment_trace.root.trace_id
    lines = log_lines(split)
    of_the_trace = {
        label: [line for line in logged if line.get("trace_id") == trace_id]
        for label, logged in lines.items()
    }
    request = [line for line in of_the_trace["comments.web"] if line["logger"] == "tandem.request"]
    assert request and request[0]["request_id"] == comment_trace.request_id, request
    assert request[0]["method"] == "POST" and request[0]["status"] == 201
    for label, handled in [
        ("eventbus.worker", "stored CommentCreated"),
        ("moderation.worker", "handled CommentCreated"),
        ("comments.worker", "handled CommentModerated"),
        ("query.worker", "handled CommentUpdated"),
    ]:
        found = [line for line in of_the_trace[label] if line["event"].startswith(handled)]
        assert found, f"{label} logged no {handled!r} in the trace: {of_the_trace[label][-5:]}"
        assert found[0]["service"] == label.split(".")[0]
        assert found[0]["event_id"] and found[0]["span_id"]
    assert all("seq" in line for line in of_the_trace["query.worker"] if "event_id" in line)


def test_an_event_caught_up_belongs_to_the_request_that_caused_it(split, receiver):
    api = api_of(split)
    writer = api.new_user("writer")
    split.stop_process("query.worker")
    try:
        before = seen_server_spans(receiver)
        post = api.create_post(writer, "caught up")
        api.wait_for_post(post["id"])  # by the query relay's catch-up: its worker is down
        root = request_span(receiver, "posts", "POST", "posts", before)

        def caught_up():
            return [
                s
                for s in receiver.trace(root.trace_id)
                if s.service == "query" and s.name == "handle PostCreated"
            ]

        (handled,) = receiver.wait_for(caught_up, what="query's handling of the post")
        assert handled.parent_id == root.span_id, "caught up, it continues the post's request"
        assert handled.attributes["tandem.event_id"]
    finally:
        split.start_process("query.worker")


def test_the_monolith_traces_the_same_request_in_one_process(monolith, receiver):
    api = api_of(monolith)
    writer = api.new_user("writer")
    post = api.create_post(writer, "traced")
    before = seen_server_spans(receiver)

    api.create_comment(writer, post["id"], "a traced comment")
    root = request_span(receiver, "monolith", "POST", "comments", before)

    def whole():
        spans = receiver.trace(root.trace_id)
        queries = [s for s in spans if "db.system" in s.attributes]
        return spans if queries and complete(spans) else None

    spans = receiver.wait_for(whole, what="the monolith's trace of the comment")
    assert {s.service for s in spans} == {"monolith"}
    assert all(root in ancestors(s, spans) for s in spans if s is not root)
