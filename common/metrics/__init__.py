"""What Tandem's processes count, in the Prometheus format: requests by route and status, and
the events each service handles, fails, parks, stores and publishes again.

Every process counts in files (`directory`), so the endpoint of a process group adds up its
gunicorn workers or Celery pool processes: `/metrics` on each web process, and on its own
port for each worker and relay (`exposition`). The state of delivery (outbox backlog,
consumer lag, dead letters, queue lengths) is read when scraped (`delivery`).
"""

from common.metrics import directory

directory.ensure()

from prometheus_client import Counter, Histogram  # noqa: E402  (after the directory is set)

REQUESTS = Counter(
    "tandem_http_requests",
    "Requests answered, by the route that answered and the status.",
    ["service", "method", "route", "status"],
)
REQUEST_SECONDS = Histogram(
    "tandem_http_request_duration_seconds",
    "Time from a request reaching Django to its answer, by route.",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
EVENTS_HANDLED = Counter(
    "tandem_events_handled",
    "Events this service's handlers applied (live, caught up or redriven), by type.",
    ["service", "type"],
)
EVENTS_FAILED = Counter(
    "tandem_events_failed",
    "Attempts of a handler that failed (each then retried or parked), by event type.",
    ["service", "type"],
)
EVENTS_PARKED = Counter(
    "tandem_events_parked",
    "Events parked in the dead letters after their last attempt, by type.",
    ["service", "type"],
)
EVENTS_STORED = Counter(
    "tandem_events_stored",
    "Events the bus stored in its order (each once), by type.",
    ["type"],
)
OUTBOX_PUBLISHED_AGAIN = Counter(
    "tandem_outbox_published_again",
    "Outbox events the relay published again because the bus had not confirmed them.",
    ["service"],
)


def service() -> str:
    """The label every process puts on what it counts: its service, or "monolith"."""
    from django.conf import settings

    return settings.TANDEM_SERVICE
