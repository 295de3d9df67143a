"""`migrate_locked`: Django's `migrate`, one process at a time per PostgreSQL database.

Every pod of a service migrates its database before it starts (an init container), and
replicas start together. Django's migrations take no lock of their own, so two of them
would apply the same migration at once. An advisory lock makes the second wait, and then
find nothing left to do. On SQLite, the one process that owns the file needs no lock.

A pod may also start before its database answers (the whole stack starts at once), so it
first waits for the database, up to --wait seconds.
"""

import time

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import OperationalError, connections

from common.postgres.base import lift_bounds

#: Any constant: it names the lock, and only this command takes it.
LOCK_KEY = 7_215_301


class Command(MigrateCommand):
    help = "Apply migrations, holding a lock on the database so that replicas take turns."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--wait", type=float, default=0, help="seconds to wait for the database"
        )

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        self._wait_for(connection, options["wait"])
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        lift_bounds(connection)  # waiting for the lock, and a long migration, are expected
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])

    def _wait_for(self, connection, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                connection.ensure_connection()
                return
            except OperationalError:
                if time.monotonic() > deadline:
                    raise
                connection.close()
                time.sleep(1)
