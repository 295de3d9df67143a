"""The `ci` overlay (the dev overlay, for podman) played with `podman kube play`: the
behavioural suite passes through its gateway, with posts as two pods that both take writes.
The pods are torn down when the tests end, also when they fail."""

import base64
import subprocess

import pytest

from tests.support.kube import VERSION
from tests.support.kube_play import KubePlay
from tests.support.processes import REPO_ROOT
from tests.support.through_origin import posts_answered_by, run_behaviour_suite, write_posts

IMAGE = f"localhost/tandem:{VERSION}"
POSTS_WEB = {"app.kubernetes.io/name": "posts", "app.kubernetes.io/component": "web"}
GATEWAY = {"app.kubernetes.io/name": "gateway", "app.kubernetes.io/component": "gateway"}


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    built = subprocess.run(
        ["podman", "build", "--format", "docker", "-q", "-t", IMAGE, str(REPO_ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    stack = KubePlay(tmp_path_factory.mktemp("kube"), IMAGE)
    try:
        stack.up()
        stack.wait_until_answering()
        yield stack
    finally:
        stack.down()


def token_key(stack: KubePlay) -> str:
    secret = next(d for d in stack.docs if d["kind"] == "Secret")
    return base64.b64decode(secret["data"]["TANDEM_TOKEN_SIGNING_KEY"]).decode()


def test_posts_runs_as_two_pods(played):
    assert len(played.pods(POSTS_WEB)) == 2


def test_behaviour_suite_passes_through_the_gateway(played, tmp_path):
    status, output = run_behaviour_suite(played.base_url, token_key(played), tmp_path / "b.log")
    assert status == 0, output


def test_both_posts_pods_take_writes(played):
    write_posts(played.base_url)
    answered_by = posts_answered_by(played.logs(GATEWAY))
    assert len(answered_by) == 2, f"POST /posts answered by {answered_by}"
