"""Django's PostgreSQL backend, with a client-side deadline on every round trip.

`connect_timeout` bounds connecting and the server's `statement_timeout` bounds a slow
query, but neither helps when the server stops answering on a connection that is already
open (the host frozen, a network path gone quiet while the kernel still acknowledges):
psycopg would wait forever. Here every operation on an open connection (a query, a commit,
a rollback) gives up after `TANDEM_DATABASE_TIMEOUT_SECONDS`, closes that connection (a
late reply must not be read as the answer to the next query) and raises `OperationalError`,
which the API answers as `503 service_unavailable`. The next use connects afresh.

    DATABASES = {"default": {"ENGINE": "common.postgres", "OPTIONS": {"deadline": 5}, ...}}
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from psycopg import waiting
from psycopg.waiting import Ready

from common import tracing


class DeadlineExceeded(psycopg.OperationalError):
    """The server did not answer within the deadline; the connection was closed."""


def _within(gen: Generator, seconds: float) -> Generator:
    """`gen` (a psycopg wait generator), failing once `seconds` pass without its end.
    psycopg's wait loop sends `Ready.NONE` every 0.1 s while the socket stays quiet, which
    is where the clock is read."""
    deadline = time.monotonic() + seconds
    try:
        wanted = next(gen)
        while True:
            ready = yield wanted
            if ready == Ready.NONE:
                if time.monotonic() > deadline:
                    raise DeadlineExceeded(f"the database did not answer within {seconds:g} s")
                continue
            wanted = gen.send(ready)
    except StopIteration as done:
        return done.value


class BoundedConnection(psycopg.Connection):
    deadline: float = 0.0

    def wait(self, gen, interval=0.1):
        if not self.deadline:
            return super().wait(gen, interval)
        # psycopg's C wait loop never hands the generator a quiet interval; its poll loop does.
        try:
            return waiting.wait_poll(_within(gen, self.deadline), self.pgconn.socket, interval)
        except DeadlineExceeded:
            self.pgconn.finish()
            raise


class _Driver:
    """The psycopg module as Django's backend uses it, whose connections are bounded."""

    connect = BoundedConnection.connect

    def __getattr__(self, name: str) -> Any:
        return getattr(psycopg, name)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _Driver()

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        self._deadline = float(params.pop("deadline", 0) or 0)
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.deadline = self._deadline
        # After Django has set its cursor class, which a global instrumentation would lose.
        tracing.instrument_connection(connection)
        return connection


def lift_bounds(connection) -> None:
    """No deadline and none of the server's timeouts on `connection` (a Django connection)
    from now on: for a command that may rightly wait long, such as migrations taking turns on
    a lock or a data migration computing between statements."""
    if connection.vendor != "postgresql":
        return
    connection.ensure_connection()
    if isinstance(connection.connection, BoundedConnection):
        connection.connection.deadline = 0
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        cursor.execute("SET idle_in_transaction_session_timeout = 0")
