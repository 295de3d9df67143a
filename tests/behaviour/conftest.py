"""Starts the chosen target once per run and hands tests an API client and signed-in users.

pytest tests/behaviour --target=monolith --database=sqlite
pytest tests/behaviour --target=monolith --database=postgres --postgres-url=postgresql://...
pytest tests/behaviour --target=url --base-url=https://your.stack.example

Against a deployment (`--target=url`) no key is needed: the few tests that sign tokens of
their own (an expired one, say) skip unless `--token-key` gives the stack's signing key.
"""

from __future__ import annotations

import pytest

from common.auth.keys import SigningKey, signing_key
from tests.behaviour.client import Api, User
from tests.support.databases import PostgresDatabases
from tests.support.reports import with_logs
from tests.support.targets import MonolithTarget, SplitTarget, Target, UrlTarget

TARGETS = ("monolith", "split", "url")


def pytest_addoption(parser):
    group = parser.getgroup("tandem", "Tandem behavioural suite")
    group.addoption("--target", choices=TARGETS, default="monolith", help="build under test")
    group.addoption("--database", choices=("sqlite", "postgres"), default="sqlite")
    group.addoption(
        "--postgres-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="an admin connection; the suite creates and drops its own databases",
    )
    group.addoption(
        "--redis-url",
        default="redis://127.0.0.1:6379/0",
        help="with --target=split: the broker; each run uses its own key prefix",
    )
    group.addoption("--base-url", help="with --target=url: where the build answers")
    group.addoption(
        "--token-key",
        help="with --target=url, optional: the key its tokens are signed with "
        "(TANDEM_TOKEN_SIGNING_KEY), for the tests that sign their own",
    )
    group.addoption("--settle-timeout", type=float, default=10.0)


def pytest_report_header(config):
    return f"tandem target: {config.getoption('--target')} on {config.getoption('--database')}"


def _make_target(config, workdir) -> tuple[Target, PostgresDatabases | None]:
    name = config.getoption("--target")
    settle = config.getoption("--settle-timeout")
    if name == "url":
        base_url, secret = config.getoption("--base-url"), config.getoption("--token-key")
        if not base_url:
            raise pytest.UsageError("--target=url needs --base-url")
        return UrlTarget(name, base_url.rstrip("/"), secret or "", settle), None
    postgres = None
    if config.getoption("--database") == "postgres":
        postgres = PostgresDatabases(config.getoption("--postgres-url"))
    common = {
        "settle_timeout": settle,
        "workdir": workdir,
        "database": config.getoption("--database"),
        "postgres": postgres,
    }
    if name == "split":
        return SplitTarget(name, broker_url=config.getoption("--redis-url"), **common), postgres
    return MonolithTarget(name, **common), postgres


@pytest.fixture(scope="session")
def target(request, tmp_path_factory):
    target, postgres = _make_target(request.config, tmp_path_factory.mktemp("target"))
    try:
        with target.running():
            yield target
    finally:
        if postgres is not None:
            postgres.drop_all()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    return with_logs(item, (yield), "target")


@pytest.fixture
def token_key(target) -> SigningKey:
    """The key the target signs tokens with, for tests that craft their own."""
    if not target.token_key:
        pytest.skip("signs its own tokens: needs the stack's signing key (--token-key)")
    return signing_key(target.token_key)


@pytest.fixture(scope="session")
def api(target) -> Api:
    return Api(target.url_for, settle_timeout=target.settle_timeout)


@pytest.fixture(scope="session")
def alice(api) -> User:
    return api.new_user("alice")


@pytest.fixture(scope="session")
def bob(api) -> User:
    return api.new_user("bob")


@pytest.fixture
def post(api, alice) -> dict:
    """A fresh post by alice, already visible in the feed."""
    created = api.create_post(alice)
    api.wait_for_post(created["id"])
    return created
