"""kombu's Redis transport, with one fix: an acknowledgement that fails still frees the
worker's prefetch slot.

A worker takes at most `prefetch_multiplier x concurrency` messages it has not acknowledged
yet; kombu counts them in its QoS and stops reading the queue while the count is full. When
Redis does not answer an acknowledgement (frozen, say, or restarting), kombu raises before it
forgets the message, so the slot stays taken for good; once every slot of a worker has met
such a failure, the worker stops consuming forever, alive and silent (celery issues 8030,
8082). Here the slot is freed whatever Redis answered. The message itself is still recorded
as unacknowledged in Redis, so it comes back after the visibility timeout and is handled
again; every consumer is idempotent, so that costs a repeat, never a double effect.

Selected by the services' settings (`CELERY_BROKER_TRANSPORT`, microservices/base_settings.py)
whenever the broker is Redis.
"""

from __future__ import annotations

from kombu.transport import redis, virtual


class QoS(redis.QoS):
    def ack(self, delivery_tag) -> None:
        try:
            super().ack(delivery_tag)
        except Exception:
            virtual.QoS.ack(self, delivery_tag)
            raise

    def reject(self, delivery_tag, requeue: bool = False) -> None:
        try:
            super().reject(delivery_tag, requeue=requeue)
        except Exception:
            virtual.QoS.ack(self, delivery_tag)
            raise


class Channel(redis.Channel):
    QoS = QoS


class Transport(redis.Transport):
    Channel = Channel
