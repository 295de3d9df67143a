"""The Celery task through which a service receives events from the bus.

Late acks with `reject_on_worker_lost`: a worker killed mid-event leaves the message
unacknowledged, and Redis hands it out again after the visibility timeout. A failure is
retried with a short backoff (well under the visibility timeout); after the last retry the
event is parked in the dead letters and acknowledged, so it never blocks the queue. An event
that breaks the contract is parked at once: trying it again cannot help.
"""

from __future__ import annotations

from celery import Celery
from django.conf import settings
from django.utils.module_loading import import_string

from common.events.contract import ContractError


def retry_delay(retries: int) -> float:
    return settings.TANDEM_EVENT_RETRY_BASE_SECONDS * 3**retries


def register_consumer(app: Celery, service: str, handlers_path: str):
    """Defines `<service>.handle_event` on the service's app; handlers are imported lazily,
    after Django is set up."""

    @app.task(
        name=f"{service}.handle_event",
        bind=True,
        acks_late=True,
        reject_on_worker_lost=True,
        ignore_result=True,
        max_retries=None,
    )
    def handle_event(self, delivery: dict) -> None:
        from common.events.inbox import apply, park  # models load after Django is set up

        event, seq = delivery["event"], delivery.get("seq")
        retries = self.request.retries
        try:
            apply(event, seq, import_string(handlers_path), was_parked=retries > 0)
        except ContractError as exc:  # the same event will break the contract every time
            park(event, seq, exc, attempts=retries + 1)
        except Exception as exc:
            if retries >= settings.TANDEM_EVENT_MAX_RETRIES:
                park(event, seq, exc, attempts=retries + 1)
                return
            raise self.retry(exc=exc, countdown=retry_delay(retries)) from exc

    return handle_event
