"""Middleware: every answered request counted by the route that answered it, its method and
status, and timed. The route is the URL pattern ("posts/<uuid:post_id>/comments"), never the
path, so a client cannot grow the number of series by asking for new paths."""

from __future__ import annotations

import time

from common.metrics import REQUEST_SECONDS, REQUESTS, service

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def counted(get_response):
    name = service()

    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        match = request.resolver_match
        route = f"/{match.route}" if match is not None else "unmatched"
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(name, method, route, str(response.status_code)).inc()
        REQUEST_SECONDS.labels(name, method, route).observe(time.perf_counter() - started)
        return response

    return middleware
