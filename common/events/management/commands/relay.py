"""`relay`: the long-running process that moves a service's events between its database and
the bus: it publishes and confirms the outbox, and catches up from the event store."""

import logging
import signal
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections

from common import tracing
from common.events import bus_client
from common.events.catchup import CatchUp
from common.events.delivery import BROKER_BACKOFF
from common.events.handlers import service_handlers
from common.events.relay import BrokerUnavailable, prune_confirmed, relay_once
from common.metrics import exposition

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publish this service's outbox until the bus confirms it, and catch up from the store."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=settings.TANDEM_RELAY_INTERVAL)
        parser.add_argument(
            "--metrics-bind", default="", help="HOST:PORT to answer GET /metrics on"
        )
        parser.add_argument(
            "--heartbeat-file",
            default=settings.TANDEM_RELAY_HEARTBEAT_FILE,
            help="touched after every pass, so a health check can tell the loop still turns",
        )

    def handle(self, *args, interval: float, heartbeat_file: str, metrics_bind: str, **options):
        tracing.start(settings.TANDEM_SERVICE)
        if metrics_bind:
            exposition.serve(metrics_bind)
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        handlers = service_handlers()
        catch_up = CatchUp(handlers) if handlers else None
        grace = timedelta(seconds=settings.TANDEM_OUTBOX_GRACE_SECONDS)
        settled = settings.TANDEM_CATCHUP_SETTLED_SECONDS
        last_prune = 0.0
        outage = 0  # passes in a row that found the bus, Redis or the database unavailable
        logger.info("relay started (catch-up %s)", "on" if catch_up else "off")
        while not stopping:
            close_old_connections()
            try:
                with tracing.quiet():  # an event's own delivery is traced, not the polling
                    relay_once(grace=grace)
                    if catch_up is not None:
                        catch_up.run(settled_seconds=settled)
                    if time.monotonic() - last_prune > 300:
                        prune_confirmed(older_than=timedelta(days=1))
                        last_prune = time.monotonic()
                if outage:
                    logger.warning("everything answers again after %d passes; relaying", outage)
                outage = 0
            except (
                bus_client.BusUnavailable, BrokerUnavailable, OperationalError, InterfaceError
            ) as exc:  # fmt: skip
                if not outage:  # once per outage, not once per pass
                    logger.warning("waiting for what does not answer, relaying nothing: %r", exc)
                outage += 1
            except Exception:
                logger.exception("relay pass failed; trying again")
            if heartbeat_file:
                Path(heartbeat_file).touch()
            time.sleep(max(interval, BROKER_BACKOFF.delay(outage - 1)) if outage else interval)
