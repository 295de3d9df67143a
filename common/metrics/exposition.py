"""Serving a process group's metrics: `/metrics` on a web process (a Django view), and a
small HTTP server of its own for a Celery worker or a relay, which answer no HTTP otherwise.

Both add up every process of the group (`MultiProcessCollector`). The web view also reads
the collectors a service names in TANDEM_METRICS_COLLECTORS (the state of its delivery),
once per scrape, so the gauges are never counted twice across processes. The gateway does
not expose `/metrics`: Prometheus scrapes each process where it runs.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client import start_http_server as _start_http_server
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

from common.metrics import directory


def group_registry(*collectors) -> CollectorRegistry:
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(directory.ensure()))
    for collector in collectors:
        registry.register(collector)
    return registry


def metrics(request: HttpRequest) -> HttpResponse:
    collectors = [import_string(path)() for path in settings.TANDEM_METRICS_COLLECTORS]
    body = generate_latest(group_registry(*collectors))
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)


def serve(bind: str):
    """Starts answering GET /metrics on HOST:PORT in a thread; returns the server (its
    `shutdown()` stops it)."""
    host, _, port = bind.rpartition(":")
    server, _thread = _start_http_server(
        int(port), addr=host or "0.0.0.0", registry=group_registry()
    )
    return server


def forget_process(pid: int | None = None) -> None:
    """A process of the group ended: its live gauges no longer count (its counters do)."""
    mark_process_dead(pid or os.getpid(), path=str(directory.ensure()))
