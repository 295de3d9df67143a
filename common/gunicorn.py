"""gunicorn's settings for every web process of Tandem (`--config=python:common.gunicorn`).

The master settles the metrics directory before it forks its workers, so they count into the
same one (importing `common.metrics.directory` is what settles it), and forgets a worker's
live gauges when it exits. Each worker of a split service starts the relay's loop beside the
requests it serves (common/events/relay_loop.py), so the service needs no relay process.
What gunicorn refuses itself (a request line too long) is answered in the API's JSON error
shape (common/api/server_errors.py).
"""

from common.api import server_errors
from common.metrics import directory
from common.metrics.exposition import forget_process


def on_starting(server) -> None:
    directory.empty(directory.ensure())
    server_errors.install()


def post_worker_init(worker) -> None:
    from django.conf import settings  # set up by now: the worker has loaded the application

    if getattr(settings, "TANDEM_RELAY_IN_WEB", False):
        from common.events.relay_loop import start_beside_web

        worker.tandem_relay = start_beside_web()


def worker_exit(server, worker) -> None:
    stopping = getattr(worker, "tandem_relay", None)
    if stopping is not None:
        stopping.set()


def child_exit(server, worker) -> None:
    forget_process(worker.pid)
