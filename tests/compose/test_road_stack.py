"""compose/road.yaml: the road walked with compose as docs/migration.md tells it: the monolith
behind the gateway, then publishing its facts and its past to the bus, then the feed flipped
to the query service by `python -m migration route` and a reload of the gateway, and back,
then moderation by its own service; comments and posts taken over by theirs, users moved by
a table copy, and the monolith stopped. The routing table is a copy, so the repository's
stays as it is."""

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


CREDENTIALS = {"username": f"road{uuid.uuid4().hex[:8]}", "password": "a long road password"}


def signed_in(base_url: str, *, sign_up: bool = True) -> dict[str, str]:
    if sign_up:
        assert requests.post(f"{base_url}/users/signup", json=CREDENTIALS, timeout=10).ok
    signed = requests.post(f"{base_url}/users/signin", json=CREDENTIALS, timeout=10)
    assert signed.status_code == 200, signed.text
    return {"Authorization": f"Bearer {signed.json()['token']}"}


def answered_by(
    stack: ComposeStack, service: str, method: str = "GET", path: str = "/posts"
) -> bool:
    """Whether `service` answers `method path` sent through the gateway, within a few
    seconds: `nginx -s reload` returns before the new workers take over from the old ones.
    A POST is sent unfinished, so it is refused (400 or 401) and changes nothing."""
    deadline = time.monotonic() + 5
    while True:
        request_id = uuid.uuid4().hex
        headers = {"X-Request-Id": request_id, "Content-Type": "application/json"}
        body = b"{" if method == "POST" else None
        answer = requests.request(method, f"{stack.base_url}{path}", data=body, headers=headers)
        assert answer.status_code < 500, answer.text
        if request_id in stack.logs(service, lines=200):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


def caught_up(stack: ComposeStack, consumer: str) -> None:
    """The operator's check, from the monolith's container, that `consumer` has caught up."""
    ready = stack.compose(
        *("exec", "-T", "app", "python", "-m", "migration", "ready", "--wait", "120"),
        *("--publisher", "http://127.0.0.1:8000", "--consumer", consumer),
        timeout=180,
        check=False,
    )
    assert ready.returncode == 0, ready.stdout + ready.stderr


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
    caught_up(stack, "http://query:8000")
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


def take_over(stack: ComposeStack, service: str, model: str, moved_out: str, path: str) -> None:
    """Steps 4 and 5: the service copies the monolith's rows, the monolith keeps copies of
    the service's, the ids continue, the route flips."""
    stack.env["COMPOSE_PROFILES"] = service
    stack.up()
    caught_up(stack, f"http://{service}:8000")
    stack.env["TANDEM_MOVED_OUT"] = moved_out
    stack.up()  # the monolith again, keeping copies of the service's rows
    continued = stack.exec(service, "python", "-m", "microservices", service, "continue_ids", model)
    assert continued.returncode == 0, continued.stderr
    route(stack, service, f"{service}:8000")
    assert answered_by(stack, service, "POST", path)


def copy_users(stack: ComposeStack) -> None:
    command = 'python -m microservices users copy_users --source "$TANDEM_MONOLITH_DATABASE_URL"'
    copied = stack.exec("users", "sh", "-c", command)
    assert copied.returncode == 0 and "0 conflicts" in copied.stdout, copied.stdout + copied.stderr


def test_the_road_on_to_the_split_build(road_stack):
    stack = road_stack
    route(stack, "query", "query:8000")  # forward again, after the rollback above
    assert answered_by(stack, "query")
    auth = signed_in(stack.base_url, sign_up=False)
    post = requests.post(f"{stack.base_url}/posts", json={"title": "on"}, headers=auth).json()

    # step 4: comments by their own service
    take_over(stack, "comments", "comments.Comment", "comments", f"/posts/{post['id']}/comments")
    comments = f"{stack.base_url}/posts/{post['id']}/comments"
    written = requests.post(comments, json={"content": "by the service"}, headers=auth)
    assert written.status_code == 201, written.text
    assert written.json()["id"] > 1000  # past the gap continue_ids leaves
    assert written.headers["X-Request-Id"] in stack.logs("comments")

    # step 5: posts by their own service; the query service asks it through the gateway
    take_over(stack, "posts", "posts.Post", "comments,posts", "/posts")
    created = requests.post(f"{stack.base_url}/posts", json={"title": "new"}, headers=auth)
    assert created.status_code == 201 and created.json()["id"] > 1000, created.text
    token = {"Consistency-Token": created.headers["Consistency-Token"]}
    read = requests.get(f"{stack.base_url}/posts", headers=auth | token, timeout=10)
    assert read.status_code == 200, read.text
    assert created.json()["id"] in [p["id"] for p in read.json()["results"]], read.text

    # step 6: users by a table copy, then the flip, then the copy again
    stack.env["COMPOSE_PROFILES"] = "users"
    stack.up()
    copy_users(stack)
    stack.env["TANDEM_MOVED_OUT"] = "comments,posts,users"
    stack.up()
    route(stack, "users", "users:8000")
    assert answered_by(stack, "users", "POST", "/users/signin")
    copy_users(stack)
    # A user the monolith signed up, signed in by the service.
    request_id = uuid.uuid4().hex
    signed = requests.post(
        f"{stack.base_url}/users/signin", json=CREDENTIALS, headers={"X-Request-Id": request_id}
    )
    assert signed.status_code == 200 and request_id in stack.logs("users"), signed.text

    # step 7: its last facts delivered, the monolith is retired; the split build answers alone
    caught_up(stack, "http://127.0.0.1:8000")
    stack.compose("stop", "app")
    feed = requests.get(f"{stack.base_url}/posts?page_size=100", timeout=10).json()["results"]
    assert {post["id"], created.json()["id"]} <= {p["id"] for p in feed}
    last = requests.post(f"{stack.base_url}/posts", json={"title": "last"}, headers=auth)
    assert last.status_code == 201, last.text
