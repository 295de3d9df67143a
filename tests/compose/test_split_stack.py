"""compose/split.yaml: the split stack passes the behavioural suite through its gateway, two
posts containers share the writes, and no service's database role can open another service's
database. (The suite with two copies of posts runs in tests/kube, with two posts pods.)"""

import re

import requests

from tests.support.compose import SERVICE_DATABASES
from tests.support.through_origin import posts_answered_by, run_behaviour_suite, write_posts


def test_behaviour_suite_passes_through_the_gateway(split_stack, tmp_path):
    status, output = run_behaviour_suite(
        split_stack.base_url, split_stack.token_key, tmp_path / "behaviour.log"
    )
    assert status == 0, output


def test_the_web_client_is_served_through_the_gateway(split_stack):
    page = requests.get(f"{split_stack.base_url}/", timeout=10)
    assert page.status_code == 200
    assert "<title>Tandem</title>" in page.text
    # One origin: the client sends every path to the gateway.
    assert requests.get(f"{split_stack.base_url}/client-config.json").json() == {"routes": []}


def test_each_role_opens_its_own_database_and_no_other(split_stack):
    attempts = [
        f"postgresql://{role}:{split_stack.passwords[role]}@127.0.0.1:5432/{database}"
        for role in SERVICE_DATABASES
        for database in SERVICE_DATABASES
    ]
    # One shell in the container tries them all: "<exit status> <url>" per attempt.
    script = 'for url in "$@"; do psql "$url" -Atc "SELECT 1" >/dev/null 2>&1; echo "$? $url"; done'
    result = split_stack.exec("postgres", "bash", "-c", script, "try", *attempts)
    assert result.returncode == 0, result.stderr
    opened = {}
    for line in result.stdout.splitlines():
        status, url = line.split(" ", 1)
        role, database = re.fullmatch(r"postgresql://(\w+):\w+@[^/]+/(\w+)", url).groups()
        opened[role, database] = status == "0"
    assert len(opened) == len(SERVICE_DATABASES) ** 2
    refused_own = [role for role in SERVICE_DATABASES if not opened[role, role]]
    assert refused_own == [], "a role cannot open its own database"
    crossed = [pair for pair, ok in opened.items() if ok and pair[0] != pair[1]]
    assert crossed == [], "a role opened another service's database"


def test_two_posts_containers_share_the_writes(split_stack):
    split_stack.up(scale={"posts": 2})
    running = [c for c in split_stack.containers("posts") if c.get("State") == "running"]
    assert len(running) == 2

    write_posts(split_stack.base_url)
    answered_by = posts_answered_by(split_stack.logs("gateway", 500))
    assert len(answered_by) == 2, f"POST /posts answered by {answered_by}"


def test_redis_refuses_a_client_without_the_password(split_stack):
    result = split_stack.exec("redis", "env", "-u", "REDISCLI_AUTH", "redis-cli", "ping")
    assert "NOAUTH" in result.stdout + result.stderr, result.stdout


def test_a_service_refuses_to_start_with_an_example_secret(split_stack):
    run = ["python", "-m", "microservices.stack", "run", "users", "migrate"]
    result = split_stack.exec("users", "env", "DJANGO_SECRET_KEY=change-me", *run)
    assert result.returncode != 0
    assert "tandem.E001" in result.stdout + result.stderr
