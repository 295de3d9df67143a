"""A failed acknowledgement frees its prefetch slot (common/events/redis_transport.py): a
worker whose every slot met a Redis that did not answer must not stop consuming for good."""

from types import SimpleNamespace

import pytest
from kombu.transport import redis

from common.events.redis_transport import QoS


class Unanswered(redis.QoS):
    """The same QoS as kombu's, before the fix, for comparison."""


def _full(qos_class, monkeypatch) -> redis.QoS:
    qos = qos_class(channel=SimpleNamespace(do_restore=False), prefetch_count=2)

    def redis_frozen(delivery_tag, pipe=None):
        raise TimeoutError("Timeout reading from socket")

    monkeypatch.setattr(qos, "_remove_from_indices", redis_frozen)
    for tag in ("a", "b"):
        qos._delivered[tag] = object()
    assert not qos.can_consume()
    return qos


def test_kombus_own_qos_keeps_the_slot_of_a_failed_ack(monkeypatch):
    qos = _full(Unanswered, monkeypatch)
    with pytest.raises(TimeoutError):
        qos.ack("a")
    assert not qos.can_consume(), "the failure this module exists for"


def test_a_failed_ack_or_reject_still_frees_its_slot_and_is_raised(monkeypatch):
    qos = _full(QoS, monkeypatch)
    with pytest.raises(TimeoutError):
        qos.ack("a")
    assert qos.can_consume()
    with pytest.raises(TimeoutError):
        qos.reject("b")
    assert qos.can_consume_max_estimate() == 2
