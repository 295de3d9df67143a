"""Events as PostgreSQL builds them: each event type's envelope as one SQL expression over a
row whose columns are named after its payload's fields, read off the payload classes of the
contract (common/events/contract.py), so that seeding the event store with a million rows
follows the contract's own classes rather than a copy of them.

The same description also evaluates in Python for a row of values, which is how the unit
tests hold it to `Envelope.from_dict`; the bench decodes rows PostgreSQL wrote the same way.

    PostCreated row: event_id, occurred_at, aggregate_version, post_id, title, author_id,
                     author_username, created_at
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from psycopg import sql

from common.events.payload import Facts, Payload
from common.timestamps import timestamp

#: How PostgreSQL writes a moment as `common.timestamps.timestamp` does.
MOMENT_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'


@dataclass(frozen=True)
class Column:
    name: str


@dataclass(frozen=True)
class Constant:
    value: str | int


@dataclass(frozen=True)
class Moment:
    """A timestamptz column, written as events write moments."""

    column: str


def payload_fields(facts: type[Facts], prefix: str = "") -> dict:
    """Each field of the payload as the column of the same name; a nested value (an author)
    as its own fields, in columns `author_id`, `author_username`."""
    fields = {}
    for name, info in facts.model_fields.items():
        column = f"{prefix}{name}"
        if isinstance(info.annotation, type) and issubclass(info.annotation, Facts):
            fields[name] = payload_fields(info.annotation, prefix=f"{column}_")
        elif any(getattr(meta, "func", None) is timestamp for meta in info.metadata):
            fields[name] = Moment(column)
        else:
            fields[name] = Column(column)
    return fields


def envelope(payload: type[Payload]) -> dict:
    """The envelope of one event type, as `Envelope.to_dict` lays it out; the row also has
    `event_id`, `occurred_at`, `aggregate_version` and the aggregate's id, `<aggregate>_id`."""
    return {
        "id": Column("event_id"),
        "type": Constant(payload.TYPE),
        "version": Constant(payload.VERSION),
        "producer": Constant(payload.PRODUCER),
        "aggregate": {
            "type": Constant(payload.AGGREGATE),
            "id": Column(f"{payload.AGGREGATE}_id"),
            "version": Column("aggregate_version"),
        },
        "occurred_at": Moment("occurred_at"),
        "data": payload_fields(payload),
    }


def to_sql(node) -> sql.Composable:
    """The node as a PostgreSQL expression: objects as `jsonb_build_object`."""
    if isinstance(node, dict):
        pairs = [sql.SQL("{}, {}").format(sql.Literal(k), to_sql(v)) for k, v in node.items()]
        return sql.SQL("jsonb_build_object({})").format(sql.SQL(", ").join(pairs))
    if isinstance(node, Column):
        return sql.Identifier(node.name)
    if isinstance(node, Moment):
        return sql.SQL("to_char({} AT TIME ZONE 'UTC', {})").format(
            sql.Identifier(node.column), sql.Literal(MOMENT_FORMAT)
        )
    if isinstance(node, Constant):
        return sql.Literal(node.value)
    raise TypeError(node)


def evaluate(node, row: dict):
    """What `to_sql(node)` gives for this row, computed in Python (datetimes for moments)."""
    if isinstance(node, dict):
        return {key: evaluate(value, row) for key, value in node.items()}
    if isinstance(node, Column):
        return row[node.name]
    if isinstance(node, Moment):
        return timestamp(row[node.column].astimezone(UTC))
    if isinstance(node, Constant):
        return node.value
    raise TypeError(node)
