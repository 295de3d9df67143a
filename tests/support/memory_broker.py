"""What a service published, when its Celery app runs on kombu's in-memory transport
(`TANDEM_BROKER_URL=memory://`, as `make test-split` runs the in-process delivery tests):
messages stay in this process and no worker runs, so a test reads them back here."""

from __future__ import annotations

import pytest
from celery import current_app


def require_memory_broker() -> None:
    if not current_app.conf.broker_url.startswith("memory://"):
        raise pytest.UsageError("run these tests with TANDEM_BROKER_URL=memory://")


def drain(queue: str) -> list[tuple[str, list]]:
    """The (task name, args) of every message waiting in `queue`, taken off it."""
    require_memory_broker()
    taken = []
    with current_app.connection_for_read() as connection:
        waiting = connection.SimpleQueue(queue, no_ack=True)
        while True:
            try:
                message = waiting.get_nowait()
            except waiting.Empty:
                break
            args, _kwargs, _embed = message.decode()
            taken.append((message.headers["task"], args))
        waiting.close()
    return taken
