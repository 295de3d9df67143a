"""What PostgreSQL does for a query, for tests that prove a read's cost does not depend on the
size of its table: the plan of the query as Django sent it, run for real (EXPLAIN ANALYZE)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("plans are PostgreSQL's")


def queries_of(read: Callable[[], object]) -> list[str]:
    """The SQL of every query `read` sends, parameters filled in."""
    with CaptureQueriesContext(connection) as captured:
        read()
    return [query["sql"] for query in captured.captured_queries]


def plan_of(sql: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (raw,) = cursor.fetchone()
    return (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]


def nodes(plan: dict) -> Iterator[dict]:
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def assert_bounded_index_scan(sql: str, *, table: str, most_rows: int) -> None:
    """The query reads `table` through an index (other tables too, as a join's lookups),
    and no node of its plan, a sort included, touched more than `most_rows` rows in all its
    loops (returned, or read and filtered out)."""
    plan = plan_of(sql)
    kinds = [node["Node Type"] for node in nodes(plan)]
    assert "Seq Scan" not in kinds, kinds
    reads = [node for node in nodes(plan) if node.get("Relation Name") == table]
    assert reads and all("Index" in node["Node Type"] for node in reads), kinds
    for node in nodes(plan):
        touched = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node.get(
            "Actual Loops", 1
        )
        assert touched <= most_rows, (node["Node Type"], node.get("Index Name"), touched)
