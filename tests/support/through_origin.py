"""What the deployment tests (compose, Kubernetes) do through a stack's one origin: run the
behavioural suite against it unchanged, and write posts to see which copies of the posts
service answered."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import requests

from tests.support.processes import REPO_ROOT, tail


def run_behaviour_suite(
    base_url: str, token_key: str, log: Path, settle_timeout: float = 30.0
) -> tuple[int, str]:
    """The behavioural suite against `base_url`. Returns its exit status and the end of its
    output."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/behaviour",
        "--target=url",
        f"--base-url={base_url}",
        f"--token-key={token_key}",
        f"--settle-timeout={settle_timeout}",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    with log.open("w") as out:
        result = subprocess.run(command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT)
    return result.returncode, tail(log, 60)


def write_posts(base_url: str, count: int = 30) -> None:
    """Signs a new user up and writes `count` posts through the origin, each a 201."""
    username, password = f"spread{secrets.token_hex(4)}", secrets.token_hex(8)
    credentials = {"username": username, "password": password}
    assert requests.post(f"{base_url}/users/signup", json=credentials, timeout=10).ok
    signed_in = requests.post(f"{base_url}/users/signin", json=credentials, timeout=10)
    headers = {"Authorization": f"Bearer {signed_in.json()['token']}"}
    with requests.Session() as session:
        for number in range(count):
            created = session.post(
                f"{base_url}/posts", json={"title": f"spread {number}"}, headers=headers, timeout=10
            )
            assert created.status_code == 201, created.text


def posts_answered_by(gateway_log: str) -> set[str]:
    """The upstream addresses that answered POST /posts, from the gateway's access log."""
    return set(re.findall(r'"POST /posts HTTP/1\.1" 201 posts=(\S+)', gateway_log))
