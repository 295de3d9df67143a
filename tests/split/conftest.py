"""The split build's delivery parts in-process, each under its own service's settings
(`--ds=microservices.<service>.settings`), on a real database and kombu's in-memory broker."""

import pytest

from tests.support.memory_broker import drain, require_memory_broker


@pytest.fixture
def published():
    """Empties the bus's queue before the test; call it to take what was published since."""
    require_memory_broker()
    drain("eventbus")
    return lambda queue="eventbus": drain(queue)
