"""The compose files agree with the rest of the project: the split stack runs exactly the
processes of microservices/stack.toml, its gateway routes as stack.toml does, every
long-running container has a health check, only the one origin is published (and the
observability profile's UIs, on loopback), and Prometheus scrapes every process."""

import re
from pathlib import Path

import pytest
import yaml

from microservices.stack import load, service_for

COMPOSE_DIR = Path(__file__).resolve().parents[3] / "compose"
STACK = load()


def compose(name: str) -> dict:
    return yaml.safe_load((COMPOSE_DIR / name).read_text())["services"]


def expected_split_containers() -> dict[str, list[str]]:
    run = ["python", "-m", "microservices.stack", "run"]
    expected = {}
    for service, spec in STACK["services"].items():
        expected[f"{service}-migrate"] = [*run, service, "migrate"]
        for process in spec["processes"]:
            name = service if process == "web" else f"{service}-{process}"
            # A worker's port places its /metrics (the port plus stack.toml's offset).
            expected[name] = [*run, service, process, "--host=0.0.0.0", "--port=8000"]
    return expected


def test_split_stack_runs_the_processes_of_stack_toml():
    services = compose("split.yaml")
    django = {name: spec["command"] for name, spec in services.items() if "build" in spec}
    assert django == expected_split_containers()


def test_each_service_connects_to_its_own_database_as_its_own_role():
    for name, spec in compose("split.yaml").items():
        env = spec.get("environment", {})
        if "DATABASE_URL" in env:
            service = env["DJANGO_SETTINGS_MODULE"].split(".")[1]
            assert re.fullmatch(
                rf"postgresql://{service}:\$\{{{service.upper()}_DB_PASSWORD\}}@postgres:5432/{service}",
                env["DATABASE_URL"],
            ), name


def test_every_internal_name_is_an_allowed_host():
    for name, spec in compose("split.yaml").items():
        hosts = spec.get("environment", {}).get("DJANGO_ALLOWED_HOSTS")
        if hosts is not None:
            assert set(STACK["services"]) <= set(hosts.split(",")), name


def default_containers(file: str) -> dict:
    """What `up` runs without a profile: the observability profile's tools (minimal images
    with no shell to run a health check in, opt-in) are not part of the stack itself."""
    return {name: spec for name, spec in compose(file).items() if "profiles" not in spec}


@pytest.mark.parametrize("file", ["monolith.yaml", "split.yaml"])
def test_long_running_containers_have_health_checks(file):
    for name, spec in default_containers(file).items():
        one_shot = spec.get("restart") == "no"
        has_check = "test" in spec.get("healthcheck", {}) or (
            "build" in spec and not spec.get("healthcheck", {}).get("disable")
        )
        assert one_shot or has_check, f"{name} has no health check"


@pytest.mark.parametrize("file", ["monolith.yaml", "split.yaml"])
def test_only_the_gateway_is_published_and_only_on_loopback(file):
    published = {name: spec["ports"] for name, spec in compose(file).items() if "ports" in spec}
    assert [name for name in published if name in default_containers(file)] == ["gateway"]
    assert all(port.startswith("127.0.0.1:") for ports in published.values() for port in ports)


def test_the_observability_profile_scrapes_every_process_where_it_answers():
    config = yaml.safe_load((COMPOSE_DIR / "observability" / "prometheus.yaml").read_text())
    scraped = {
        (name, sd["port"])
        for job in config["scrape_configs"]
        for sd in job["dns_sd_configs"]
        for name in sd["names"]
    }
    offsets = STACK["defaults"]["metrics_port_offset"]
    expected = {
        (service if kind == "web" else f"{service}-{kind}", 8000 + offsets.get(kind, 0))
        for service, spec in STACK["services"].items()
        for kind in spec["processes"]
    }
    assert scraped == expected
    assert set(compose("split.yaml")) >= {name for name, _ in expected}


def test_the_monolith_gateway_sends_every_service_to_the_app():
    upstreams = (COMPOSE_DIR / "gateway" / "monolith-upstreams.conf").read_text()
    entries = dict(re.findall(r"^(\w+)\s+(\S+);$", upstreams, re.M))
    routed = {service for _, service in gateway_map()[0]} | {gateway_map()[1]}
    assert entries == dict.fromkeys(routed, "app:8000")


def gateway_map() -> list[tuple[re.Pattern, str]]:
    template = (COMPOSE_DIR / "gateway" / "default.conf.template").read_text()
    block = re.search(r"map \"\$request_method \$uri\" \$tandem_service \{(.*?)\}", template, re.S)
    entries = re.findall(r'"~(.+?)"\s+(\w+);', block.group(1))
    default = re.search(r"default\s+(\w+);", block.group(1)).group(1)
    return [(re.compile(pattern), service) for pattern, service in entries], default


def gateway_route(method: str, path: str) -> str:
    entries, default = gateway_map()
    for pattern, service in entries:
        if pattern.search(f"{method} {path}"):
            return service
    return default


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "OPTIONS"])
@pytest.mark.parametrize(
    "path",
    [
        "/posts",
        "/posts/12/comments",
        "/posts/12",
        "/posts/x/comments/",
        "/users/signup",
        "/users/signin",
        "/users",
        "/schema",
        "/health",
        "/",
        "/postsx",
        "/posts/1/2/comments",
    ],
)
def test_gateway_routes_as_stack_toml(method, path):
    assert gateway_route(method, path) == service_for(STACK["routes"], method, path)
