"""compose/road.yaml: the road walked with compose as docs/migration.md tells it: the monolith
behind the gateway, then publishing its facts and its past to the bus, then the feed flipped
to the query service by `python -m migration route` and a reload of the gateway, and back,
then moderation by its own service. The routing table is a copy, so the repository's stays
as it is."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest
import requests

from tests.support.compose import COMPOSE, COMPOSE_DIR, ComposeStack
from tests.support.processes import REPO_ROOT


@pytest.fixture(scope="module")
def road_stack(podman_api, built_image, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("road")
    routes = workdir / "routes"
    shutil.copytree(COMPOSE_DIR / "gateway" / "road", routes)
    stack = ComposeStack("road.yaml", workdir, podman_api)
    stack.env["TANDEM_ROAD_ROUTES"] = str(routes)
    stack.routes = routes / "routes.conf"
    try:
        stack.up()
        wait_for_origin(stack.base_url)
        yield stack
    finally:
        stack.down()


def wait_for_origin(base_url: str, timeout: float = 60) -> None:
    """Until the published port answers: the containers are healthy a moment before the
    host's port reaches the gateway."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{base_url} did not answer within {timeout:.0f} s")


def signed_in(base_url: str) -> dict[str, str]:
    credentials = {"username": f"road{uuid.uuid4().hex[:8]}", "password": "a long road password"}
    assert requests.post(f"{base_url}/users/signup", json=credentials, timeout=10).ok
    token = requests.post(f"{base_url}/users/signin", json=credentials, timeout=10).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def answered_by(stack: ComposeStack, service: str) -> bool:
    """Whether `service` answers feed reads sent through the gateway, within a few seconds:
    `nginx -s reload` returns before the new workers take over from the old ones."""
    deadline = time.monotonic() + 5
    while True:
        request_id = uuid.uuid4().hex
        headers = {"X-Request-Id": request_id}
        read = requests.get(f"{stack.base_url}/posts", headers=headers, timeout=10)
        assert read.status_code == 200, read.text
        if request_id in stack.logs(service, lines=200):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


def route(stack: ComposeStack, service: str, address: str) -> None:
    reload = shlex.join(
        [
            COMPOSE,
            "-p",
            stack.project,
            "-f",
            str(stack.file),
            "--env-file",
            str(stack.env_file),
            "exec",
            "-T",
            "gateway",
            "nginx",
            "-s",
            "reload",
        ]
    )
    flipped = subprocess.run(
        [sys.executable, "-m", "migration", "route", service, address]
        + ["--table", str(stack.routes), "--reload", reload],
        cwd=REPO_ROOT,
        env=stack.env,
        capture_output=True,
        text=True,
    )
    assert flipped.returncode == 0, flipped.stderr


def test_the_road_to_the_feed_and_moderation_services(road_stack):
    stack = road_stack
    auth = signed_in(stack.base_url)
    before = requests.post(f"{stack.base_url}/posts", json={"title": "before"}, headers=auth)
    assert before.status_code == 201
    assert answered_by(stack, "app")

    # step 1: the bus, and the monolith publishing its facts and its past
    stack.env["TANDEM_PUBLISH_EVENTS"] = "1"
    stack.env["COMPOSE_PROFILES"] = "bus"
    stack.up()
    first = stack.exec("app", "python", "manage.py", "publish_existing")
    assert first.returncode == 0, first.stderr
    again = stack.exec("app", "python", "manage.py", "publish_existing")
    assert again.stdout.count(" 0 new events") == 3, again.stdout

    # step 2: the feed's new owner, caught up, then the flip and its rollback
    stack.env["COMPOSE_PROFILES"] = "bus,feed"
    stack.up()
    ready = stack.compose(
        *("exec", "-T", "app", "python", "-m", "migration", "ready", "--wait", "120"),
        *("--publisher", "http://127.0.0.1:8000", "--consumer", "http://query:8000"),
        timeout=180,
        check=False,
    )
    assert ready.returncode == 0, ready.stdout + ready.stderr
    route(stack, "query", "query:8000")
    assert answered_by(stack, "query")
    feed = requests.get(f"{stack.base_url}/posts", timeout=10).json()["results"]
    assert before.json()["id"] in [post["id"] for post in feed]

    route(stack, "query", "app:8000")
    assert answered_by(stack, "app")

    # step 3: moderation by its own service; a new comment is pending, then decided
    stack.env["TANDEM_MODERATION_IN_WRITE"] = "0"
    stack.env["COMPOSE_PROFILES"] = "moderation"
    stack.up()
    comments = f"{stack.base_url}/posts/{before.json()['id']}/comments"
    written = requests.post(comments, json={"content": "orange juice"}, headers=auth, timeout=10)
    assert written.status_code == 201 and written.json()["status"] == "pending"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        listed = requests.get(comments, timeout=10).json()
        if [c["status"] for c in listed if c["id"] == written.json()["id"]] == ["rejected"]:
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"the comment was never decided: {listed}")
