"""One comment, traced in each build: the spans of real requests, received by an OTLP
receiver in the bench's process, cut into hops (where the time goes between the request and
the comment's final status in the feed), at idle and while the comparison's mix runs.

Each traced comment is sent with a `traceparent` of the bench's own, so its trace is known
before the build answers and only those traces are kept. Both builds run with traces on
here, and only here: the other figures of the comparison are measured with traces off.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.compare.stats import percentile
from bench.compare.workload import CLIENTS_BEHIND_A_PROXY, Http, Population, run_at_rate
from tests.support.databases import PostgresDatabases
from tests.support.otlp_receiver import Receiver, Span
from tests.support.targets import MonolithTarget, SplitTarget, Target

SERVER, PRODUCER, CONSUMER = 2, 4, 5
#: The span whose end is the comment's final status in the feed, per build.
FINAL = {"split": ("query", "handle CommentUpdated")}


@dataclass
class Hop:
    label: str
    #: From the message being published until this process took it (0 for the request).
    wait_ms: float
    run_ms: float


def traced_env(endpoint: str) -> dict[str, str]:
    """Traces on with OpenTelemetry's defaults otherwise: spans leave each process in
    batches every 5 s. (Every 0.1 s, as the tests have them, costs the split build's twenty
    processes enough CPU to back its queues up under load.)"""
    return {"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint, **CLIENTS_BEHIND_A_PROXY}


def is_storage(span: Span) -> bool:
    return "db.system" in span.attributes or "db.system.name" in span.attributes


def ancestors(span: Span, by_id: dict[str, Span]) -> list[Span]:
    chain = []
    while span.parent_id in by_id:
        span = by_id[span.parent_id]
        chain.append(span)
    return chain


def root_of(spans: list[Span]) -> Span | None:
    ids = {s.span_id for s in spans}
    roots = [s for s in spans if s.kind == SERVER and s.parent_id not in ids]
    return roots[0] if len(roots) == 1 else None


def whole(spans: list[Span], build: str) -> bool:
    """The trace has its root, its final span and every parent its spans name but the
    bench's own."""
    root = root_of(spans)
    if root is None:
        return False
    ids = {s.span_id for s in spans}
    if any(s.parent_id and s.parent_id not in ids and s is not root for s in spans):
        return False
    if build in FINAL:
        service, name = FINAL[build]
        return any(s.service == service and s.name == name for s in spans)
    return True


def hops(spans: list[Span], build: str) -> list[Hop]:
    """The trace as the hops of its critical path: the request, then each process that took
    a message on the way to the final status, with how long the message waited for it."""
    root = root_of(spans)
    assert root is not None
    if build not in FINAL:
        queries = [s for s in spans if is_storage(s)]
        return [
            Hop(f"{root.service}: the request, moderation included", 0.0, root.duration_ms),
            Hop(
                f"  of which {len(queries)} PostgreSQL queries",
                0.0,
                sum(q.duration_ms for q in queries),
            ),
        ]
    by_id = {s.span_id: s for s in spans}
    service, name = FINAL[build]
    final = next(s for s in spans if s.service == service and s.name == name)
    path = [final, *ancestors(final, by_id)][::-1]
    # Where the path enters a process: its first span there (the request, or a task taken).
    boundaries = [s for n, s in enumerate(path) if n == 0 or path[n - 1].service != s.service]
    handled = {
        s.parent_id: s.name.removeprefix("handle ") for s in spans if s.name.startswith("handle ")
    }
    found = [Hop(f"{root.service}: the request", 0.0, root.duration_ms)]
    for number, span in enumerate(boundaries[1:], start=1):
        producer = next(
            (s for s in ancestors(span, by_id) if s.kind == PRODUCER), by_id[span.parent_id]
        )
        if span.service == "eventbus":
            following = boundaries[number + 1] if number + 1 < len(boundaries) else None
            what = handled.get(following.span_id, "?") if following else "?"
            label = f"eventbus: stores and routes {what}"
        else:
            label = f"{span.service}: handles {handled.get(span.span_id, span.name)}"
        found.append(Hop(label, (span.start_ns - producer.start_ns) / 1e6, span.duration_ms))
    return found


def total_ms(spans: list[Span]) -> float:
    """From the request's start until the last span of its trace ended."""
    root = root_of(spans)
    return (max(s.end_ns for s in spans) - root.start_ns) / 1e6


def waterfall_rows(spans: list[Span]) -> list[dict]:
    """The spans to draw, from the trace's start: processes' spans as bars, and each query
    or Redis command as a mark on the row of the span it ran in."""
    root = root_of(spans)
    by_id = {s.span_id: s for s in spans}
    drawn = sorted((s for s in spans if not is_storage(s)), key=lambda s: (s.start_ns, -s.end_ns))
    rows = {s.span_id: index for index, s in enumerate(drawn)}
    result = [
        {
            "service": s.service,
            "name": s.name,
            "start_ms": round((s.start_ns - root.start_ns) / 1e6, 3),
            "duration_ms": round(s.duration_ms, 3),
            "calls": [],
        }
        for s in drawn
    ]
    for call in (s for s in spans if is_storage(s)):
        owner = next((a for a in ancestors(call, by_id) if a.span_id in rows), root)
        result[rows[owner.span_id]]["calls"].append(
            [round((call.start_ns - root.start_ns) / 1e6, 3), round(call.duration_ms, 3)]
        )
    return result


class TracedComments:
    """Writes comments with a trace id of its own and collects their whole traces."""

    def __init__(self, receiver: Receiver, population: Population, build: str):
        self.receiver, self.population, self.build = receiver, population, build
        self.wanted: set[str] = set()

    def keep(self, span: Span) -> bool:
        return span.trace_id in self.wanted

    def send(self) -> str:
        """Writes one comment; returns its trace id."""
        trace_id = secrets.token_hex(16)
        self.wanted.add(trace_id)
        headers = {
            "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01",
            **self.population.auth(),
        }
        post_id = self.population.post_ids[0]
        answer = self.population.http.request(
            "POST", f"/posts/{post_id}/comments", json={"content": "traced"}, headers=headers
        )
        answer.raise_for_status()
        return trace_id

    def collect(self, trace_id: str) -> list[Span]:
        deadline = time.monotonic() + 120
        seen = -1
        while time.monotonic() < deadline:
            spans = self.receiver.trace(trace_id)
            if whole(spans, self.build) and len(spans) == seen:
                return spans
            seen = len(spans)  # whole once no more spans arrive for a moment
            time.sleep(0.3)
        raise RuntimeError(f"{self.build}: the trace of a comment did not arrive whole")


def summarise(traces: list[list[Span]], build: str) -> dict:
    """Per hop, the p50 and p90 of its wait and of its run over the traces whose path had
    the same hops as the first."""
    cut = [hops(spans, build) for spans in traces]
    labels = [hop.label for hop in cut[0]]
    same = [trace for trace in cut if [hop.label for hop in trace] == labels]

    def spread(values: list[float]) -> dict:
        return {"p50": round(percentile(values, 0.5), 2), "p90": round(percentile(values, 0.9), 2)}

    return {
        "traces": len(traces),
        "same_path": len(same),
        "hops": [
            {
                "hop": label,
                "wait_ms": spread([trace[i].wait_ms for trace in same]),
                "run_ms": spread([trace[i].run_ms for trace in same]),
            }
            for i, label in enumerate(labels)
        ],
        "total_ms": spread([total_ms(spans) for spans in traces]),
    }


def in_the_background(run: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def record(
    target: Target, receiver: Receiver, comments: int, rate: float, visible_in_feed: Callable
) -> dict:
    population = Population(Http(target.url_for))
    population.prepare(4, 4, visible_in_feed(population))
    traced = TracedComments(receiver, population, target.name)
    receiver.keep = traced.keep

    def one_a_second() -> list[str]:
        sent = []
        for _ in range(comments):
            sent.append(traced.send())
            time.sleep(1)
        return sent

    idle = [traced.collect(trace_id) for trace_id in one_a_second()]
    # Under load: the same, while the mix runs, from its 2nd second.
    load = in_the_background(lambda: run_at_rate(population, rate, comments + 4, seed=7))
    time.sleep(2)
    sent = one_a_second()
    load.join()
    loaded = [traced.collect(trace_id) for trace_id in sent]
    example = sorted(idle, key=lambda spans: total_ms(spans))[len(idle) // 2]
    return {
        "idle": summarise(idle, target.name),
        "load": {"rate": rate, **summarise(loaded, target.name)},
        "example": waterfall_rows(example),
    }


def run(
    workdir: Path,
    postgres_url: str,
    redis_url: str,
    *,
    comments: int,
    rate: float,
    visible_in_feed: Callable,
    progress: Callable[[str], None],
) -> dict:
    """Both builds, one after the other, each with traces on; their hops and one trace."""
    receiver = Receiver().start()
    postgres = PostgresDatabases(postgres_url)
    env = traced_env(receiver.endpoint)
    targets = [
        MonolithTarget(
            "monolith", workdir=workdir / "traced-monolith", database="postgres",
            postgres=postgres, env=env,
        ),
        SplitTarget(
            "split", workdir=workdir / "traced-split", database="postgres", postgres=postgres,
            broker_url=redis_url, env=env,
        ),
    ]  # fmt: skip
    results = {}
    try:
        for target in targets:
            target.workdir.mkdir(parents=True, exist_ok=True)
            progress(f"traces: {comments} comments through {target.name}, idle and at {rate:.0f}/s")
            with target.running():
                results[target.name] = record(target, receiver, comments, rate, visible_in_feed)
    finally:
        receiver.stop()
        postgres.drop_all()
    return results
