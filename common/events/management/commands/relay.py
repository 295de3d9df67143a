"""`relay`: the relay's loop (common/events/relay_loop.py) in the foreground, for a service
whose web processes are told not to run it (`TANDEM_RELAY_IN_WEB=0`)."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from common import tracing
from common.events.relay_loop import RelayLoop
from common.metrics import exposition


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
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        RelayLoop(interval=interval, heartbeat_file=heartbeat_file).run(stopping)
