"""What the broker holds: how many messages wait in a Celery queue on Redis.

Read by the relay (a non-empty bus queue means the bus is behind, not that an event was
lost) and by the metrics of delivery. Messages a worker has taken but not acknowledged are
not counted: they are in its hands, not waiting.
"""

from __future__ import annotations

from celery import current_app


def waiting(queue: str) -> int:
    """Messages waiting in `queue`, over all its priority lists; raises if Redis does not
    answer."""
    with current_app.connection_for_read() as connection:
        # kombu's virtual transports (Redis, and the in-memory one of the in-process tests)
        # count a queue's messages over its priority lists in `_size`.
        return connection.default_channel._size(queue)
