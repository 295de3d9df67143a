"""The Celery app of a service: its own queue, late acks, settings from Django settings, and
the consumer task when the service handles events.

Every service's worker consumes only its own queue; `broker_transport_options` carry the
visibility timeout after which Redis hands an unacknowledged message to another worker.
"""

from __future__ import annotations

from celery import Celery
from django.conf import settings

from common.events.consumer import register_consumer


def make_celery_app() -> Celery:
    service = settings.TANDEM_SERVICE
    app = Celery(service)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.task_default_queue = service
    # Celery's Django fix-up closes the database connection around every task unless told
    # to reuse it; one new PostgreSQL session per event would cap a worker near 100 events/s.
    app.conf.CELERY_DB_REUSE_MAX = 1000
    if settings.TANDEM_EVENT_HANDLERS:
        register_consumer(app, service, settings.TANDEM_EVENT_HANDLERS)
    app.autodiscover_tasks()
    return app
