"""The names and rules of delivery, in one place: which queue and task carry events to whom,
how long to wait before trying again, and the options every delivery task shares.

    a service's outbox --eventbus.ingest--> the bus (queue "eventbus")
    the bus --<service>.handle_event--> each consumer (queue "<service>")

Late acks, `reject_on_worker_lost` and ignored results are Celery settings of every service
(`CELERY_TASK_*` in microservices/base_settings.py), so no task repeats them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The bus's own queue, and the task that stores and routes one event.
BUS_QUEUE = "eventbus"
INGEST_TASK = "eventbus.ingest"

#: What every delivery task is declared with: it sees its own retries, and it is never
#: given up by Celery (it parks the event itself, or retries until the store answers).
TASK_OPTIONS = {"bind": True, "max_retries": None}

#: What every delivery publish is sent with: no printed copy of the arguments in the
#: message's headers. Celery makes one for monitoring tools unless told otherwise, and
#: printing an envelope costs a sizeable share of publishing it.
SEND_OPTIONS = {"argsrepr": "", "kwargsrepr": ""}


def queue_of(service: str) -> str:
    """The queue a service's worker consumes: named after the service."""
    return service


def consumer_task(service: str) -> str:
    """The task through which a service receives events."""
    return f"{service}.handle_event"


@dataclass(frozen=True)
class Backoff:
    """The one retry rule of delivery: `first` seconds, three times longer at each attempt,
    never more than `cap`."""

    first: float
    cap: float

    def delay(self, attempt: int) -> float:
        return min(self.cap, self.first * 3**attempt)


#: Storing at the bus failed (its database is busy or down): try again soon, a few times.
INGEST_BACKOFF = Backoff(first=0.2, cap=5.0)
#: The bus has not confirmed an outbox row: publish it again after 5, 15, then every 30 s.
RELAY_BACKOFF = Backoff(first=5.0, cap=30.0)
#: Redis refused a relay's publish, or the bus's store does not answer: the relay's next pass
#: waits 1, 3, then every 5 s while it lasts (one publish tried per pass).
BROKER_BACKOFF = Backoff(first=1.0, cap=5.0)


def handler_backoff(first: float) -> Backoff:
    """A consumer's handler failed: stays well under the visibility timeout, so a retried
    event never comes back twice (`first` is TANDEM_EVENT_RETRY_BASE_SECONDS)."""
    return Backoff(first=first, cap=30.0)
