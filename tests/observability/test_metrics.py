"""Metrics, with the default settings (traces off): every process answers in the Prometheus
format, requests are counted across a web process's gunicorn workers, events are counted
per type where they are handled and stored, and the delivery gauges follow what delivery
does: the outbox backs up while the bus is down and drains after, a stopped consumer's lag
and queue grow and shrink back, an event that breaks the contract shows among the dead
letters; and the compose profile's dashboard shows them, through a real Prometheus."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator

import pytest
import requests
from celery import Celery
from prometheus_client.parser import text_string_to_metric_families

from common.events.delivery import consumer_task, queue_of
from tests.observability.conftest import api_of, monolith_build, split_build
from tests.support.gateway import Gateway
from tests.support.processes import REPO_ROOT
from tests.support.prometheus import Prometheus
from tests.support.targets import MonolithTarget, SplitTarget

Samples = dict[tuple[str, frozenset], float]


def scrape(url: str) -> Samples:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum of the samples of `name` that carry these labels (0 if none)."""
    wanted = set(labels.items())
    return sum(v for (n, have), v in samples.items() if n == name and wanted <= have)


def present(samples: Samples, name: str, **labels: str) -> bool:
    wanted = set(labels.items())
    return any(n == name and wanted <= have for (n, have) in samples)


def wait_for(read, check, what: str, timeout: float = 30.0) -> Samples:
    deadline = time.monotonic() + timeout
    while True:
        samples = read()
        if check(samples):
            return samples
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not within {timeout}s")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def split(postgres, tmp_path_factory) -> Iterator[SplitTarget]:
    with split_build(postgres, tmp_path_factory.mktemp("split"), {}).running() as target:
        yield target


@pytest.fixture(scope="module")
def monolith(postgres, tmp_path_factory) -> Iterator[MonolithTarget]:
    with monolith_build(postgres, tmp_path_factory.mktemp("monolith"), {}).running() as target:
        yield target


def metrics_url(target, service: str = "", kind: str = "web") -> str:
    if isinstance(target, SplitTarget):
        return target.plan["services"][service]["metrics"][kind]
    return f"{target.base_url}/metrics"


def test_every_process_of_the_split_build_answers_metrics(split):
    for name, service in split.plan["services"].items():
        assert set(service["metrics"]) == set(service["processes"]), name
        for kind, url in service["metrics"].items():
            samples = scrape(url)
            if kind == "web":
                assert present(samples, "tandem_http_requests_total", service=name), name
    bus = scrape(metrics_url(split, "eventbus"))
    assert value(bus, "tandem_queue_length", queue="eventbus") == 0


def test_the_gateway_does_not_expose_metrics(split, tmp_path):
    gateway = Gateway(split, tmp_path).start()
    try:
        response = requests.get(f"{gateway.base_url}/metrics", timeout=10)
    finally:
        gateway.stop()
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("build", ["monolith", "split"])
def test_requests_are_counted_by_route_and_status_across_workers(build, request):
    target = request.getfixturevalue(build)
    url = metrics_url(target, "comments")
    before = scrape(url)
    missing = f"/posts/{10**9 + uuid.uuid4().int % 10**6}/comments"
    for _ in range(12):
        assert requests.get(target.url_for("GET", missing), timeout=10).status_code == 404
    after = scrape(url)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    routes = {
        dict(labels)["route"]
        for (name, labels) in after
        if name == "tandem_http_requests_total" and dict(labels)["status"] == "404"
    }
    counted = [r for r in routes if grew("tandem_http_requests_total", route=r, status="404")]
    assert len(counted) == 1, routes
    (route,) = counted
    assert route == "/posts/<id:post_id>/comments", "the route, not the path"
    assert grew("tandem_http_requests_total", route=route, status="404", method="GET") == 12
    assert grew("tandem_http_request_duration_seconds_count", route=route) == 12


def test_events_are_counted_where_they_are_stored_and_handled(split):
    api = api_of(split)
    writer = api.new_user("counted")
    post = api.create_post(writer, "counted")
    comment = api.create_comment(writer, post["id"], "counted")
    api.wait_for_comment_in_feed(post["id"], comment["id"], "approved")
    expected = {
        "eventbus": ("tandem_events_stored_total", {"type": "CommentCreated"}),
        "moderation": ("tandem_events_handled_total", {"type": "CommentCreated"}),
        "comments": ("tandem_events_handled_total", {"type": "CommentModerated"}),
        "query": ("tandem_events_handled_total", {"type": "CommentUpdated"}),
    }
    for service, (name, labels) in expected.items():
        samples = scrape(metrics_url(split, service, "worker"))
        assert value(samples, name, **labels) >= 1, f"{service}: {name} {labels}"


def test_the_outbox_backs_up_while_the_bus_is_down_and_drains_after(split):
    api = api_of(split)
    writer = api.new_user("backlog")
    posts = metrics_url(split, "posts")
    # The relay confirms what the bus stored a little after it was written (its grace).
    wait_for(lambda: scrape(posts), lambda s: value(s, "tandem_outbox_unconfirmed") == 0, "none")
    split.stop_service("eventbus")
    try:
        for n in range(5):
            api.create_post(writer, f"while the bus is down {n}")
        backed_up = wait_for(
            lambda: scrape(posts),
            lambda s: value(s, "tandem_outbox_unconfirmed") == 5,
            "5 unconfirmed events in the outbox",
        )
        time.sleep(1.0)
        later = scrape(posts)
        assert value(later, "tandem_outbox_unconfirmed") == 5
        assert value(later, "tandem_outbox_oldest_unconfirmed_age_seconds") > value(
            backed_up, "tandem_outbox_oldest_unconfirmed_age_seconds"
        ), "the oldest grows older"
        query = scrape(metrics_url(split, "query"))
        assert value(query, "tandem_delivery_source_up", source="bus") == 0
        assert not present(query, "tandem_consumer_lag_events")
    finally:
        split.start_service("eventbus")
    wait_for(
        lambda: scrape(posts),
        lambda s: value(s, "tandem_outbox_unconfirmed") == 0
        and value(s, "tandem_outbox_oldest_unconfirmed_age_seconds") == 0,
        "the outbox drained",
    )
    wait_for(
        lambda: scrape(metrics_url(split, "query")),
        lambda s: present(s, "tandem_consumer_lag_events")
        and value(s, "tandem_consumer_lag_events") == 0,
        "the query service caught up",
    )


def test_a_stopped_consumer_lags_and_its_queue_grows_until_it_runs_again(split):
    api = api_of(split)
    writer = api.new_user("lagging")
    query = metrics_url(split, "query")
    wait_for(lambda: scrape(query), lambda s: value(s, "tandem_consumer_lag_events") == 0, "lag 0")
    split.stop_process("query.worker")
    try:
        for n in range(4):
            api.create_post(writer, f"while query's worker is stopped {n}")
        lagging = wait_for(
            lambda: scrape(query),
            lambda s: value(s, "tandem_consumer_lag_events") >= 4
            and value(s, "tandem_queue_length", queue="query") >= 4,
            "query 4 events behind, 4 waiting in its queue",
        )
        assert value(lagging, "tandem_delivery_source_up", source="broker") == 1
    finally:
        split.start_process("query.worker")
    wait_for(
        lambda: scrape(query),
        lambda s: value(s, "tandem_consumer_lag_events") == 0
        and value(s, "tandem_queue_length", queue="query") == 0,
        "query caught up and its queue empty",
    )


def test_a_parked_event_shows_among_the_dead_letters(split):
    query = metrics_url(split, "query")
    before = scrape(query)
    broker = Celery("metrics-tests", set_as_current=False)
    broker.conf.broker_url = split.broker_url
    broker.conf.broker_transport_options = {"global_keyprefix": split.broker_prefix}
    try:
        broken = {"id": str(uuid.uuid4()), "type": "PostCreated", "data": "not an object"}
        broker.send_task(
            consumer_task("query"), args=[{"seq": None, "event": broken}], queue=queue_of("query")
        )
    finally:
        broker.close()
    after = wait_for(
        lambda: scrape(query),
        lambda s: value(s, "tandem_dead_letters") == value(before, "tandem_dead_letters") + 1,
        "one more dead letter in query",
    )
    worker = scrape(metrics_url(split, "query", "worker"))
    assert value(worker, "tandem_events_parked_total", type="PostCreated") >= 1
    assert value(after, "tandem_delivery_source_up", source="database") == 1


DASHBOARD = REPO_ROOT / "compose" / "observability" / "grafana" / "dashboards" / "tandem.json"
#: The dashboard's panels that stay empty unless a handler fails.
SHOWN_ONLY_ON_FAILURE = {"Handler failures per second, by service and type"}


def test_the_dashboard_reads_what_prometheus_scrapes_from_every_process(split, tmp_path):
    """Prometheus with the compose profile's jobs scrapes the stack; each of the dashboard's
    queries is valid, and each shows data once a comment has gone through."""
    expected = sum(len(service["metrics"]) for service in split.plan["services"].values())
    server = Prometheus(split.plan, tmp_path).start()
    try:
        api = api_of(split)
        writer = api.new_user("dashboard")
        post = api.create_post(writer, "on the dashboard")
        comment = api.create_comment(writer, post["id"], "on the dashboard")
        api.wait_for_comment_in_feed(post["id"], comment["id"], "approved")
        deadline = time.monotonic() + 30
        while [s["value"][1] for s in server.query("up")] != ["1"] * expected:
            assert time.monotonic() < deadline, server.query("up")
            time.sleep(0.5)
        time.sleep(3)  # a rate needs two scrapes after the comment
        panels = json.loads(DASHBOARD.read_text())["panels"]
        for panel in panels:
            for target in panel["targets"]:
                shown = server.query(target["expr"])
                assert shown or panel["title"] in SHOWN_ONLY_ON_FAILURE, panel["title"]
    finally:
        server.stop()
