"""Both builds started with traces on, sending them to a receiver in the test process (an
OTLP/HTTP endpoint, as a collector would be), on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.behaviour.client import Api
from tests.support.databases import PostgresDatabases
from tests.support.otlp_receiver import Receiver
from tests.support.targets import MonolithTarget, SplitTarget


def pytest_addoption(parser):
    parser.addoption("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


def traced_env(receiver: Receiver) -> dict[str, str]:
    """OpenTelemetry's own settings: the receiver as the endpoint, spans sent within 0.1 s."""
    return {
        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
        "OTEL_METRICS_EXPORTER": "none",
        "OTEL_LOGS_EXPORTER": "none",
    }


@pytest.fixture(scope="module")
def postgres(request) -> Iterator[PostgresDatabases]:
    databases = PostgresDatabases(request.config.getoption("--postgres-url"))
    yield databases
    databases.drop_all()


def split_build(postgres: PostgresDatabases, workdir, env: dict[str, str]) -> SplitTarget:
    return SplitTarget(
        "split",
        settle_timeout=30,
        workdir=workdir,
        database="postgres",
        postgres=postgres,
        env=env,
    )


def monolith_build(postgres: PostgresDatabases, workdir, env: dict[str, str]) -> MonolithTarget:
    return MonolithTarget(
        "monolith",
        settle_timeout=30,
        workdir=workdir,
        database="postgres",
        postgres=postgres,
        env=env,
    )


@pytest.fixture(scope="module")
def split(receiver, postgres, tmp_path_factory) -> Iterator[SplitTarget]:
    # Catch-up takes events 1 s after they were stored, for the test that needs it.
    env = {**traced_env(receiver), "TANDEM_CATCHUP_SETTLED_SECONDS": "1"}
    with split_build(postgres, tmp_path_factory.mktemp("split"), env).running() as target:
        yield target


@pytest.fixture(scope="module")
def monolith(receiver, postgres, tmp_path_factory) -> Iterator[MonolithTarget]:
    env = traced_env(receiver)
    with monolith_build(postgres, tmp_path_factory.mktemp("monolith"), env).running() as target:
        yield target


def api_of(target) -> Api:
    return Api(target.url_for, settle_timeout=target.settle_timeout)
