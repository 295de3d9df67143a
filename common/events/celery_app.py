"""The Celery app of whichever service DJANGO_SETTINGS_MODULE names: its own queue, settings
from Django settings (`CELERY_*`), and its consumer task when the service handles events.

    DJANGO_SETTINGS_MODULE=microservices.query.settings \\
        celery -A common.events.celery_app worker -Q query

Every service's worker consumes only its own queue; `broker_transport_options` carry the
visibility timeout after which Redis hands an unacknowledged message to another worker.
Every process of a service (web, worker, relay) loads this app (`common.events.apps`), so
publishing from any of them uses the service's broker settings.
"""

from __future__ import annotations

import logging.config

import click
from celery import Celery, bootsteps, signals
from django.conf import settings
from django.db import close_old_connections

from common import tracing
from common.events.consumer import register_consumer
from common.events.delivery import queue_of
from common.metrics import exposition


@signals.setup_logging.connect
def _lines_of_our_own(**kwargs) -> None:
    """A worker logs as every other process does (JSON lines, common/logs.py), not in
    Celery's own format: Celery leaves logging alone when this signal has a receiver."""
    logging.config.dictConfig(settings.LOGGING)


@signals.worker_process_init.connect
def _trace_pool_process(**kwargs) -> None:
    """Tracing (when configured) in each process of the prefork pool, after its fork."""
    tracing.start(settings.TANDEM_SERVICE)


@signals.worker_init.connect
def _trace_worker(sender=None, **kwargs) -> None:
    """A pool that does not fork (threads, solo) runs tasks in the worker itself."""
    pool = getattr(sender, "pool_cls", None)
    if "prefork" not in str(getattr(pool, "__module__", pool)):
        tracing.start(settings.TANDEM_SERVICE)


@signals.worker_process_shutdown.connect
def _forget_pool_process(**kwargs) -> None:
    exposition.forget_process()


class MetricsEndpoint(bootsteps.StartStopStep):
    """`--metrics-bind=HOST:PORT`: the worker answers GET /metrics there, for all its pool
    processes, once the pool has started (so no pool process holds the socket)."""

    requires = {"celery.worker.components:Pool"}

    def __init__(self, worker, metrics_bind: str = "", **options):
        super().__init__(worker, **options)
        self.bind, self.server = metrics_bind, None

    def start(self, worker) -> None:
        if self.bind:
            self.server = exposition.serve(self.bind)

    def stop(self, worker) -> None:
        if self.server is not None:
            self.server.shutdown()


@signals.task_prerun.connect
def _healthy_connections(**kwargs) -> None:
    """What Django does before each request, before each task: a connection that broke (the
    database restarted while the worker was idle) is noticed on its first use and replaced,
    at the cost of one `SELECT 1` a task. Celery's own fix-up checks only every so many
    tasks, and a quiet worker might never get there."""
    close_old_connections()


def make_celery_app() -> Celery:
    service = settings.TANDEM_SERVICE
    app = Celery(service)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.task_default_queue = queue_of(service)
    # Celery's Django fix-up closes the database connection around every task unless told
    # to reuse it; one new PostgreSQL session per event would cap a worker near 100 events/s.
    app.conf.CELERY_DB_REUSE_MAX = 1000
    app.user_options["worker"].add(
        click.Option(["--metrics-bind"], default="", help="HOST:PORT to answer GET /metrics on")
    )
    app.steps["worker"].add(MetricsEndpoint)
    if settings.TANDEM_EVENT_HANDLERS:
        register_consumer(app, service)
    app.autodiscover_tasks()
    return app


app = make_celery_app()
