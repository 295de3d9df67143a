"""Fault tests of the split build: each test starts the whole stack on PostgreSQL with its own
Redis (so it can restart it), breaks something, and checks that every accepted write ends up
visible exactly once and nothing else does."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis
from celery import Celery

from common.events.delivery import consumer_task, queue_of
from tests.behaviour.client import Api, User
from tests.faults.record import FaultRecord
from tests.support.databases import PostgresDatabases
from tests.support.postgres_server import PostgresServer
from tests.support.redis_server import RedisServer
from tests.support.targets import MonolithTarget, SplitTarget

#: Short timeouts, so that what heals by timeout heals within a test.
FAULT_ENV = {
    "TANDEM_VISIBILITY_TIMEOUT_SECONDS": "5",
    "TANDEM_CATCHUP_SETTLED_SECONDS": "2",
    "TANDEM_OUTBOX_GRACE_SECONDS": "1",
    "TANDEM_RELAY_INTERVAL_SECONDS": "0.3",
    "TANDEM_EVENT_RETRY_BASE_SECONDS": "0.1",
    "TANDEM_EVENT_MAX_RETRIES": "3",
}


def pytest_addoption(parser):
    parser.addoption("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.addoption("--database", choices=("postgres", "sqlite"), default="postgres")


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path / "redis").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres(request) -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases(request.config.getoption("--postgres-url"))
    try:
        yield databases
    finally:
        databases.drop_all()


@pytest.fixture
def stack(request, tmp_path, redis_server, postgres) -> Iterator[SplitTarget]:
    target = SplitTarget(
        "split",
        settle_timeout=60,
        workdir=tmp_path,
        database=request.config.getoption("--database"),
        postgres=postgres,
        broker_url=redis_server.url,
        env=FAULT_ENV,
    )
    with target.running():
        yield target


@pytest.fixture
def monolith(request, tmp_path, postgres) -> Iterator[MonolithTarget]:
    """The monolith, for the faults both builds can suffer."""
    target = MonolithTarget(
        "monolith",
        settle_timeout=60,
        workdir=tmp_path,
        database=request.config.getoption("--database"),
        postgres=postgres,
    )
    with target.running():
        yield target


@pytest.fixture
def postgres_pass(request) -> None:
    """For a fault that needs only one pass of the suite: run it in the PostgreSQL one."""
    if request.config.getoption("--database") != "postgres":
        pytest.skip("one pass is enough: runs in the PostgreSQL pass")


@pytest.fixture
def own_postgres(postgres_pass) -> Iterator[PostgresServer]:
    """A PostgreSQL server of the test's own, for the faults that restart, stop or freeze it.
    Those tests run in the fault suite's PostgreSQL pass only (`--database=postgres`)."""
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def build(request, tmp_path, own_postgres, redis_server) -> Iterator[MonolithTarget | SplitTarget]:
    """The build the test is parametrized with (`indirect`), on `own_postgres`."""
    databases = PostgresDatabases(own_postgres.admin_url)
    common = {"settle_timeout": 60, "workdir": tmp_path, "database": "postgres"}
    if request.param == "monolith":
        target = MonolithTarget("monolith", postgres=databases, **common)
    else:
        target = SplitTarget(
            "split", postgres=databases, broker_url=redis_server.url, env=FAULT_ENV, **common
        )
    with target.running():
        yield target


def a_post_in_the_feed(target, record: FaultRecord, title: str) -> tuple[Api, User, dict]:
    """A writer and one post of theirs the feed already shows, before the fault."""
    record.build = target.name
    api = Api(target.url_for, settle_timeout=target.settle_timeout)
    writer = api.new_user("writer")
    before = api.create_post(writer, title)
    api.wait_for_post(before["id"])
    return api, writer, before


@pytest.fixture
def record(request) -> Iterator[FaultRecord]:
    """The test's account of what its user saw; saved with the test's outcome."""
    summary = " ".join((request.node.module.__doc__ or request.node.name).split("\n\n")[0].split())
    entry = FaultRecord(fault=summary.split(": ", 1)[-1].rstrip("."))
    yield entry
    call = getattr(request.node, "outcome_of_call", None)
    entry.outcome = "passed" if call is not None and call.passed else "failed"
    entry.save()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    from tests.support.reports import with_logs

    report = yield
    if report.when == "call":
        item.outcome_of_call = report
    return with_logs(item, report, "stack", lines=25)


@pytest.fixture
def api(stack) -> Api:
    return Api(stack.url_for, settle_timeout=stack.settle_timeout)


@pytest.fixture
def writer(api) -> User:
    return api.new_user("writer")


@pytest.fixture
def broker(stack, redis_server) -> Iterator[Celery]:
    """A Celery client on the stack's Redis, to deliver hand-made events to a service's queue
    as the bus would."""
    app = Celery("fault-tests", set_as_current=False)
    app.conf.broker_url = redis_server.url
    app.conf.broker_transport_options = {"global_keyprefix": stack.broker_prefix}
    try:
        yield app
    finally:
        app.close()


def deliver(broker: Celery, service: str, event: dict, seq: int | None = None) -> None:
    broker.send_task(
        consumer_task(service), args=[{"seq": seq, "event": event}], queue=queue_of(service)
    )


def envelope(kind: str, aggregate: str, aggregate_id: int, version: int, data: dict) -> dict:
    """An event as it travels, written out by hand from docs/events.md."""
    return {
        "id": str(uuid.uuid4()),
        "type": kind,
        "version": 1,
        "producer": {"PostCreated": "posts", "CommentModerated": "moderation"}.get(
            kind, "comments"
        ),
        "aggregate": {"type": aggregate, "id": aggregate_id, "version": version},
        "occurred_at": "2026-01-01T00:00:00.000000Z",
        "data": data,
    }


def redis_keys(server: RedisServer) -> int:
    return redis.Redis.from_url(server.url).dbsize()
