"""A table's id sequence moved past the ids another owner has issued, before it takes over.

When a service takes a table over from the monolith (docs/migration.md), the rows arrive
with the monolith's ids, so that everything pointing at them stays right. The service's
own sequence knows nothing of those ids: left alone, its next insert would take id 1, or
an id a copied row holds. And while the route flips, the monolith still writes a few rows,
with the ids that come after its last ones; they are copied over later. So the new owner's
next id is set above both what its table holds and what its sequence has already issued,
plus a gap the old owner's late rows fit in: the two never hand out the same id.

A sequence is only ever moved forwards: an id issued once is never issued again.
"""

from __future__ import annotations

from django.db import NotSupportedError, connections, models, transaction


def numbered(model: type[models.Model]) -> bool:
    """Whether the database numbers `model`'s rows: an AutoField, BigAutoField or
    SmallAutoField id."""
    return isinstance(model._meta.pk, models.AutoField)


def continue_ids(model: type[models.Model], *, gap: int, using: str = "default") -> int:
    """Makes the next id `model`'s table hands out `gap + 1` past the highest id it holds
    or its sequence has issued (gap 0: right after them), leaving `gap` ids unused for the
    old owner's late rows; returns that next id."""
    if gap < 0:
        raise ValueError(f"the gap must be 0 or more, not {gap}")
    if not numbered(model):
        raise ValueError(f"{model._meta.label} has no integer id its database numbers")
    connection = connections[using]
    vendors = {"postgresql": _postgres_sequence, "sqlite": _sqlite_sequence}
    if connection.vendor not in vendors:
        raise NotSupportedError(
            f"continue_ids knows PostgreSQL's and SQLite's sequences, not {connection.vendor}'s"
        )
    quote = connection.ops.quote_name
    table, column = model._meta.db_table, model._meta.pk.column
    with transaction.atomic(using=using), connection.cursor() as cursor:
        issued, set_next = vendors[connection.vendor](cursor, quote, table, column)
        cursor.execute(f"SELECT coalesce(max({quote(column)}), 0) FROM {quote(table)}")
        (highest,) = cursor.fetchone()
        next_id = max(highest, issued) + gap + 1
        set_next(next_id)
    return next_id


def _postgres_sequence(cursor, quote, table: str, column: str):
    """The highest id the column's sequence has issued, and how to set its next one."""
    # Inserts wait until the sequence is set (a concurrent nextval cannot slip under it);
    # this mode conflicts with itself, so two of these take turns.
    cursor.execute(f"LOCK TABLE {quote(table)} IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quote(table), column])
    (sequence,) = cursor.fetchone()
    if sequence is None:
        raise NotSupportedError(f"{table}.{column} takes its values from no sequence")
    # pg_get_serial_sequence quotes the name as it needs. A sequence that has issued nothing
    # since it was made or set (is_called false) hands out last_value next.
    cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
    last_value, is_called = cursor.fetchone()
    issued = last_value if is_called else last_value - 1
    return issued, lambda next_id: cursor.execute(
        "SELECT setval(%s, %s, false)", [sequence, next_id]
    )


def _sqlite_sequence(cursor, quote, table: str, column: str):
    """The highest id the table has issued, and how to set its next one."""
    # Django's SQLite ids are AUTOINCREMENT: a new row's id is one past the larger of the
    # table's highest and the table's row in sqlite_sequence (absent until a first insert).
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
    row = cursor.fetchone()
    if row is None or "AUTOINCREMENT" not in row[0].upper():
        raise NotSupportedError(f"{table} has no AUTOINCREMENT id for its next id to follow")
    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
    row = cursor.fetchone()
    if row is None:
        statement = "INSERT INTO sqlite_sequence (seq, name) VALUES (%s, %s)"
    else:
        statement = "UPDATE sqlite_sequence SET seq = %s WHERE name = %s"
    return (row[0] if row else 0), lambda next_id: cursor.execute(statement, [next_id - 1, table])
