"""The relay's loop: publish and confirm the outbox, catch up from the store, prune
(common/events/retention.py), again.

It runs on a thread of the service's web process (`start_beside_web`, from gunicorn's
settings in common/gunicorn.py), so a service needs no process of its own for it; or in the
foreground of `manage.py relay`, for an operator who wants it apart. Several loops of one
service may run at once (one per web process): rows are claimed with SKIP LOCKED and the
inbox absorbs an event that two catch-ups apply.

After every pass, whether or not its dependencies answered, the loop notes the time (and
touches its heartbeat file, when set), so a health check can tell that it still turns:
`GET /health/live` of a web process running the loop fails once it has not turned for
30 seconds (common/heartbeats.py).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from common import heartbeats, tracing
from common.events import bus_client
from common.events.catchup import CatchUp
from common.events.delivery import BROKER_BACKOFF
from common.events.handlers import service_handlers
from common.events.relay import BrokerUnavailable, relay_once
from common.events.retention import prune

logger = logging.getLogger(__name__)

#: What a pass waits out: the bus, Redis or the database not answering.
UNAVAILABLE = (bus_client.BusUnavailable, BrokerUnavailable, OperationalError, InterfaceError)
PRUNE_EVERY_SECONDS = 300


class RelayLoop:
    def __init__(self, *, interval: float, heartbeat_file: str = ""):
        self.interval = interval
        self.heartbeat_file = heartbeat_file
        handlers = service_handlers()
        self.catch_up = CatchUp(handlers) if handlers else None
        self.grace = timedelta(seconds=settings.TANDEM_OUTBOX_GRACE_SECONDS)
        self.settled = settings.TANDEM_CATCHUP_SETTLED_SECONDS
        self.last_prune = 0.0
        self.outage = 0  # passes in a row that found the bus, Redis or the database unavailable

    def run(self, stopping: threading.Event) -> None:
        heartbeats.beat("relay")
        logger.info("relay started (catch-up %s)", "on" if self.catch_up else "off")
        try:
            while not stopping.is_set():
                self.turn()
                wait = BROKER_BACKOFF.delay(self.outage - 1) if self.outage else 0.0
                stopping.wait(max(self.interval, wait))
        finally:
            connection.close()

    def turn(self) -> None:
        close_old_connections()
        try:
            with tracing.quiet():  # an event's own delivery is traced, not the polling
                relay_once(grace=self.grace)
                if self.catch_up is not None:
                    self.catch_up.run(settled_seconds=self.settled)
                if time.monotonic() - self.last_prune > PRUNE_EVERY_SECONDS:
                    more = prune()
                    self.last_prune = 0.0 if more else time.monotonic()
            if self.outage:
                logger.warning("everything answers again after %d passes; relaying", self.outage)
            self.outage = 0
        except UNAVAILABLE as exc:
            if not self.outage:  # once per outage, not once per pass
                logger.warning("waiting for what does not answer, relaying nothing: %r", exc)
            self.outage += 1
        except Exception:
            logger.exception("relay pass failed; trying again")
        heartbeats.beat("relay")
        if self.heartbeat_file:
            Path(self.heartbeat_file).touch()


def start_beside_web() -> threading.Event:
    """Starts the loop on a daemon thread of this process (gunicorn's worker, when the
    service's `TANDEM_RELAY_IN_WEB` asks for it); returns the event that stops it."""
    stopping = threading.Event()
    loop = RelayLoop(
        interval=settings.TANDEM_RELAY_INTERVAL,
        heartbeat_file=settings.TANDEM_RELAY_HEARTBEAT_FILE,
    )
    threading.Thread(target=loop.run, args=(stopping,), name="relay", daemon=True).start()
    return stopping
