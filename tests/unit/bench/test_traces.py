"""Cutting a trace into hops: the request, then each process the path to the final status
enters, with how long its message waited after it was published."""

from bench.compare.traces import CONSUMER, PRODUCER, SERVER, hops, total_ms, whole
from tests.support.otlp_receiver import Span

MS = 1_000_000


def span(service, name, kind, span_id, parent_id, start, end, **attributes) -> Span:
    return Span(service, name, kind, "t", span_id, parent_id, attributes, (), start * MS, end * MS)


def split_trace() -> list[Span]:
    return [
        span("comments", "POST posts/<id:post_id>/comments", SERVER, "r", "client", 0, 20),
        span("comments", "INSERT", 3, "q", "r", 2, 4, **{"db.system": "postgresql"}),
        span("comments", "apply_async/eventbus.ingest", PRODUCER, "p1", "r", 18, 18),
        span("eventbus", "run/eventbus.ingest", CONSUMER, "b1", "p1", 25, 35),
        span("eventbus", "apply_async/query.handle_event", PRODUCER, "p2", "b1", 33, 33),
        span("query", "run/query.handle_event", CONSUMER, "c1", "p2", 40, 50),
        span("query", "handle CommentUpdated", CONSUMER, "h1", "c1", 41, 49),
    ]


def test_each_process_on_the_path_is_one_hop_with_its_wait_and_its_run():
    cut = hops(split_trace(), "split")
    assert [(h.label, h.wait_ms, h.run_ms) for h in cut] == [
        ("comments: the request", 0.0, 20.0),
        ("eventbus: stores and routes CommentUpdated", 7.0, 10.0),
        ("query: handles CommentUpdated", 7.0, 10.0),
    ]
    assert total_ms(split_trace()) == 50.0


def test_a_trace_is_whole_once_every_parent_and_the_final_span_arrived():
    spans = split_trace()
    assert whole(spans, "split")
    assert not whole([s for s in spans if s.span_id != "b1"], "split")
    assert not whole([s for s in spans if s.span_id != "h1"], "split")


def test_the_monolith_is_one_hop_with_its_queries():
    spans = [
        span("monolith", "POST posts/<id:post_id>/comments", SERVER, "r", "client", 0, 10),
        span("monolith", "SELECT", 3, "q1", "r", 1, 2, **{"db.system": "postgresql"}),
        span("monolith", "INSERT", 3, "q2", "r", 3, 5, **{"db.system": "postgresql"}),
    ]
    assert whole(spans, "monolith")
    cut = hops(spans, "monolith")
    assert [(h.label.strip(), h.run_ms) for h in cut] == [
        ("monolith: the request, moderation included", 10.0),
        ("of which 2 PostgreSQL queries", 3.0),
    ]
