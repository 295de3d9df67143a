"""One process at a time for a periodic job that every copy of a process runs.

Each web process of a service runs the relay's loop, and with it catch-up. Two copies of a
service (the monolith's rolling restarts run two, and `--scale` more) would read and apply
the same events at once: the inbox keeps that correct, but the loser of each race redoes its
batch one event at a time. A PostgreSQL advisory lock, tried without waiting, lets one copy
do the pass while the others skip it. It is the session's, so a process that dies gives it
back with its connection. On SQLite, one process owns the file: no lock is needed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


@contextmanager
def my_turn(key: int) -> Iterator[bool]:
    """True inside the block if this process holds the lock named `key` (and may do the
    job), False if another process holds it now."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        mine = cursor.fetchone()[0]
    try:
        yield mine
    finally:
        if mine:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError as exc:  # the connection is gone, and the lock with it
                logger.info("advisory lock %s released with its connection: %r", key, exc)
