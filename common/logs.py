"""Log lines as JSON, one object a line, that tie together across services.

Every line logged through the standard library has the same shape, whoever logged it
(Django, Celery or Tandem's own loggers): structlog renders the records. gunicorn's own few
lines about its workers keep gunicorn's format.

    {"timestamp": "2026-12-01T16:00:00.000000Z", "level": "info", "logger": "common.events.inbox",
     "event": "handled CommentCreated", "service": "moderation",
     "trace_id": "4bf9...", "span_id": "00f0...", "event_id": "0f8c...", "seq": 12}

- `service` is the process's service (`TANDEM_SERVICE`);
- `trace_id` and `span_id` name the current span, when traces are on (`common.tracing`);
- `request_id` is the request's `X-Request-Id`, which the gateway passes on (or the
  service makes one), and which the answer carries back;
- `event_id` and `seq` name the event being handled, relayed or parked (`about_event`).

TANDEM_LOG_FORMAT=console renders the same lines for people to read.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


def _structlog_without_rich():
    """structlog draws tracebacks with rich whenever rich is installed (the test tools bring
    it): 17 MB and a third of a second more in every process, for console output that JSON
    lines never use. So structlog is imported with rich hidden, and rich stays importable
    for whoever asks for it afterwards."""
    if "rich" in sys.modules or "structlog" in sys.modules:
        import structlog
    else:
        sys.modules["rich"] = None  # `import rich` raises ImportError meanwhile
        try:
            import structlog
        finally:
            del sys.modules["rich"]
    return structlog


structlog = _structlog_without_rich()

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
#: Requests not worth a line each: the health probes of compose and Kubernetes.
UNLOGGED_PATHS = ("/health",)

request_logger = logging.getLogger("tandem.request")


def _trace(_, __, line: dict) -> dict:
    from common import tracing

    ids = tracing.current_ids()
    if ids:
        line["trace_id"], line["span_id"] = ids
    return line


def formatter() -> structlog.stdlib.ProcessorFormatter:
    """The formatter of every handler (`LOGGING` in common/settings.py)."""
    service = getattr(settings, "TANDEM_SERVICE", "tandem")

    def named(_, __, line: dict) -> dict:
        line["service"] = service
        return line

    rendering = os.environ.get("TANDEM_LOG_FORMAT", "json")
    renderer = (
        structlog.dev.ConsoleRenderer(colors=False)
        if rendering == "console"
        else structlog.processors.JSONRenderer()
    )
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_log_level,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.ExtraAdder(),
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            named,
            _trace,
        ],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    )


@contextmanager
def about_event(event: dict, seq: int | None = None) -> Iterator[None]:
    """Every line logged inside names the event (and its place in the store)."""
    fields = {"event_id": str(event.get("id"))}
    if seq is not None:
        fields["seq"] = seq
    with structlog.contextvars.bound_contextvars(**fields):
        yield


def request_lines(get_response):
    """Middleware: the request's id on every line it logs and on its answer, and one line
    for the request itself once it is answered."""

    def middleware(request):
        given = request.headers.get("X-Request-Id", "")
        request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        started = time.perf_counter()
        with structlog.contextvars.bound_contextvars(request_id=request_id):
            response = get_response(request)
            if request.path not in UNLOGGED_PATHS:
                answered = {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                }
                request_logger.info("request", extra=answered)
        response["X-Request-Id"] = request_id
        return response

    return middleware
