"""gunicorn's settings for every web process of Tandem (`--config=python:common.metrics.gunicorn`):
the master settles the metrics directory before it forks its workers, so they count into the
same one, and forgets a worker's live gauges when it exits.

Importing this module in the master is what settles the directory (`common.metrics`).
"""

from common.metrics import directory
from common.metrics.exposition import forget_process


def on_starting(server) -> None:
    directory.empty(directory.ensure())


def child_exit(server, worker) -> None:
    forget_process(worker.pid)
