"""The pulse of the loops a process runs beside its requests (the relay's, in a split
service's web process), so that its liveness check can tell a loop that stopped turning.

Kept apart from the loops themselves: the health view imports this in every build, and a
build without the loop must not import what the loop needs.
"""

from __future__ import annotations

import threading
import time

_lock = threading.Lock()
_last: dict[str, float] = {}


def beat(name: str) -> None:
    """The loop `name` finished a turn just now."""
    with _lock:
        _last[name] = time.monotonic()


def stale(after_seconds: float) -> list[str]:
    """The loops of this process that have not turned for `after_seconds`."""
    now = time.monotonic()
    with _lock:
        return sorted(name for name, last in _last.items() if now - last >= after_seconds)
