"""The hybrid stack the road is walked on, seeded like a monolith that has run for a while,
with a steady load through its gateway from before the first step to after the last.
Needs PostgreSQL, Redis and Debian's nginx."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest

from bench.compare import seed
from tests.migration.load import SteadyLoad
from tests.support.databases import PostgresDatabases
from tests.support.hybrid import HybridStack
from tests.support.reports import with_logs


def pytest_addoption(parser):
    parser.addoption("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.addoption("--redis-url", default="redis://127.0.0.1:6379/0")


@dataclass(frozen=True)
class Seeded(seed.Data):
    """Hundreds of users, posts and comments."""

    @property
    def users(self) -> int:
        return 200


SEEDED = Seeded(posts=400)


@pytest.fixture(scope="module")
def road(request, tmp_path_factory):
    databases = PostgresDatabases(request.config.getoption("--postgres-url"))
    stack = HybridStack(
        tmp_path_factory.mktemp("road"), databases, request.config.getoption("--redis-url")
    )
    try:
        stack.start()
        with psycopg.connect(stack.database_url, autocommit=True) as conn:
            for statement in seed.monolith(SEEDED, seed.password_hash()):
                conn.execute(statement)
        yield stack
    finally:
        stack.stop()
        databases.drop_all()


@pytest.fixture(scope="module")
def load(road):
    steady = SteadyLoad(road.gateway.base_url, pause=0.2).start()
    yield steady
    steady.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    return with_logs(item, (yield), "road")
