"""Traces with OpenTelemetry, off unless an OTLP endpoint is configured.

On when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, with
every other `OTEL_*` setting as OpenTelemetry defines it; OTEL_SDK_DISABLED=true or
OTEL_TRACES_EXPORTER=none keeps it off. OTEL_SERVICE_NAME defaults to the service's name.
Each process starts it once, after any fork: gunicorn imports the WSGI application in each
worker (`common.wsgi`), a Celery worker's pool processes start it at `worker_process_init`
(`common.events.celery_app`), a relay or an operator's command at its start. Off, nothing is
instrumented, and an event recorded or handled costs one test of a flag.

Events carry their cause. `Envelope.of` puts the W3C `traceparent` of the current span in
the envelope; whatever publishes or handles the event later (the hand-off, the relay's
retry, catch-up, a redrive) continues that trace, so the trace of the request that caused an
event shows its whole delivery, however it went.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

#: The bus's feeds that relays poll every pass, and the health probes: traced, they would
#: bury the traces of requests. OTEL_PYTHON_DJANGO_EXCLUDED_URLS replaces the list.
QUIET_URLS = "health,events"
TRACEPARENT = re.compile(r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")

_started = False


def configured() -> bool:
    env = os.environ
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    if env.get("OTEL_TRACES_EXPORTER", "otlp").strip().lower() == "none":
        return False
    endpoints = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    return any(env.get(name) for name in endpoints)


def start(service: str) -> bool:
    """Starts tracing in this process if it is configured; True if it runs."""
    global _started
    if _started or not configured():
        return _started
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.urllib import URLLibInstrumentor
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    named = {} if os.environ.get("OTEL_SERVICE_NAME") else {SERVICE_NAME: service}
    provider = TracerProvider(resource=Resource.create(named))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    DjangoInstrumentor().instrument(
        excluded_urls=os.environ.get("OTEL_PYTHON_DJANGO_EXCLUDED_URLS", QUIET_URLS)
    )
    CeleryInstrumentor().instrument()
    RedisInstrumentor().instrument()
    URLLibInstrumentor().instrument()
    _started = True
    return True


def instrument_connection(connection) -> None:
    """Spans for the queries on a psycopg connection that Django has made (`common.postgres`):
    Django sets its own cursor class on each new connection, which psycopg's instrumentation
    must wrap after the fact."""
    if _started:
        from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor

        PsycopgInstrumentor.instrument_connection(connection)


def current_ids() -> tuple[str, str] | None:
    """The current span's trace id and span id in hex, for log lines; None outside a span."""
    if not _started:
        return None
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


def traceparent() -> str | None:
    """The W3C traceparent of the current span, for an event it causes; None when off."""
    if not _started:
        return None
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    carrier: dict[str, str] = {}
    TraceContextTextMapPropagator().inject(carrier)
    return carrier.get("traceparent")


def _tracer():
    from opentelemetry import trace

    return trace.get_tracer("tandem.events")


def _cause(parent: str | None):
    """The context an event's traceparent names, on a context of its own: a relay's pass
    that stays quiet (`quiet`) does not silence the event's delivery."""
    from opentelemetry.context import Context
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    return TraceContextTextMapPropagator().extract({"traceparent": parent or ""}, Context())


@contextmanager
def quiet() -> Iterator[None]:
    """No spans for the work inside: a relay's polling, which would make a trace a pass."""
    if not _started:
        yield
        return
    from opentelemetry.instrumentation.utils import suppress_instrumentation

    with suppress_instrumentation():
        yield


@contextmanager
def relayed(event: dict) -> Iterator[None]:
    """A span for publishing an event again, in the trace of the change that caused it."""
    if not _started:
        yield
        return
    from opentelemetry.trace import SpanKind

    with _tracer().start_as_current_span(
        f"relay {event.get('type')}",
        context=_cause(event.get("traceparent")),
        kind=SpanKind.PRODUCER,
        attributes={"tandem.event_id": str(event.get("id"))},
    ):
        yield


@contextmanager
def handling(event: dict, seq: int | None) -> Iterator[None]:
    """A span for handling an event. Its parent is the span that delivered it when that one
    is already in the event's trace (the bus's routing, carried by Celery); otherwise
    (catch-up, a redrive) the change that caused it, linked to what delivered it."""
    if not _started:
        yield
        return
    from opentelemetry import trace
    from opentelemetry.trace import Link, SpanKind

    current = trace.get_current_span().get_span_context()
    cause = _cause(event.get("traceparent"))
    caused_by = trace.get_current_span(cause).get_span_context()
    links = []
    if not caused_by.is_valid or (current.is_valid and current.trace_id == caused_by.trace_id):
        parent = None
    else:
        parent = cause
        links = [Link(current)] if current.is_valid else []
    attributes = {
        "tandem.event_id": str(event.get("id")),
        "tandem.event_type": str(event.get("type")),
    }
    if seq is not None:
        attributes["tandem.seq"] = seq
    with _tracer().start_as_current_span(
        f"handle {event.get('type')}",
        context=parent,
        kind=SpanKind.CONSUMER,
        links=links,
        attributes=attributes,
    ):
        yield
