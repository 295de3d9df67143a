"""An OTLP/HTTP receiver in the test process: what an OpenTelemetry collector would receive
from Tandem's processes, decoded into plain spans the tests can reason about.

It speaks the protocol's protobuf encoding on `POST /v1/traces` (the exporter's default) and
takes logs and metrics without keeping them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from tests.support.processes import free_port


@dataclass(frozen=True)
class Span:
    service: str
    name: str
    kind: int
    trace_id: str
    span_id: str
    parent_id: str
    attributes: dict
    links: tuple[str, ...] = ()  # span ids this span links to
    start_ns: int = 0
    end_ns: int = 0

    @property
    def duration_ms(self) -> float:
        return (self.end_ns - self.start_ns) / 1e6


def _value(any_value):
    kind = any_value.WhichOneof("value")
    return getattr(any_value, kind) if kind else None


def decode(body: bytes) -> list[Span]:
    request = ExportTraceServiceRequest.FromString(body)
    spans = []
    for resource_spans in request.resource_spans:
        resource = {a.key: _value(a.value) for a in resource_spans.resource.attributes}
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                spans.append(
                    Span(
                        service=str(resource.get("service.name")),
                        name=span.name,
                        kind=span.kind,
                        trace_id=span.trace_id.hex(),
                        span_id=span.span_id.hex(),
                        parent_id=span.parent_span_id.hex(),
                        attributes={a.key: _value(a.value) for a in span.attributes},
                        links=tuple(link.span_id.hex() for link in span.links),
                        start_ns=span.start_time_unix_nano,
                        end_ns=span.end_time_unix_nano,
                    )
                )
    return spans


@dataclass
class Receiver:
    spans: list[Span] = field(default_factory=list)
    port: int = 0
    #: Which spans to keep (all, by default): a bench under load keeps only its own traces.
    keep: Callable[[Span], bool] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/v1/traces":
                    received = decode(body)
                    if receiver.keep is not None:
                        received = [span for span in received if receiver.keep(span)]
                    with receiver.lock:
                        receiver.spans.extend(received)
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.lock = threading.Lock()
        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def trace(self, trace_id: str) -> list[Span]:
        with self.lock:
            return [span for span in self.spans if span.trace_id == trace_id]

    def find(self, matches: Callable[[Span], bool]) -> list[Span]:
        with self.lock:
            return [span for span in self.spans if matches(span)]

    def wait_for(self, until: Callable[[], object], timeout: float = 30.0, what: str = ""):
        """Polls `until` (a check over the spans received) until it gives something true."""
        deadline = time.monotonic() + timeout
        while True:
            found = until()
            if found or time.monotonic() > deadline:
                assert found, f"within {timeout:.0f} s: {what}\n{self.summary()}"
                return found
            time.sleep(0.2)

    def summary(self) -> str:
        with self.lock:
            return "\n".join(
                f"{s.trace_id[:8]} {s.span_id[:8]}<-{s.parent_id[:8] or '-'} {s.service}: {s.name}"
                for s in self.spans[-80:]
            )
