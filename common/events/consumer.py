"""The Celery task through which a service receives events from the bus.

Late acks with `reject_on_worker_lost` (Celery settings of every service): a worker killed
mid-event leaves the message unacknowledged, and Redis hands it out again after the
visibility timeout. A failure is retried after `handler_backoff` (well under the visibility
timeout); after the last retry the event is parked in the dead letters and acknowledged, so
it never blocks the queue. An event that breaks the contract is parked at once: trying it
again cannot help.
"""

from __future__ import annotations

from celery import Celery
from django.conf import settings

from common.events.delivery import TASK_OPTIONS, consumer_task, handler_backoff
from common.events.envelope import ContractError


def register_consumer(app: Celery, service: str):
    """Defines the service's consumer task on its app; its handlers are looked up once, on
    the first event, after Django is set up."""

    @app.task(name=consumer_task(service), **TASK_OPTIONS)
    def handle_event(self, delivery: dict) -> None:
        from common.events.handlers import service_handlers  # models load after Django setup
        from common.events.inbox import apply, park

        event, seq = delivery["event"], delivery.get("seq")
        retries = self.request.retries
        try:
            apply(event, seq, service_handlers(), was_parked=retries > 0)
        except ContractError as exc:  # the same event will break the contract every time
            park(event, seq, exc, attempts=retries + 1)
        except Exception as exc:
            if retries >= settings.TANDEM_EVENT_MAX_RETRIES:
                park(event, seq, exc, attempts=retries + 1)
                return
            delay = handler_backoff(settings.TANDEM_EVENT_RETRY_BASE_SECONDS).delay(retries)
            raise self.retry(exc=exc, countdown=delay) from exc

    return handle_event
