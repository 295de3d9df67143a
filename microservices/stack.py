"""The split stack as data: which processes each service runs, with which command and
environment, and which service answers which public path.

    python -m microservices.stack plan [--port posts=14000 ...] [--database-url posts=...]
                                       [--metrics-port posts.relay=14200 ...]

prints that plan as JSON, so a harness can start the stack without importing this package.

    python -m microservices.stack run posts web --host=0.0.0.0 --port=8000

becomes one process of that plan, with the environment it was started in: how a container
runs its process, so compose and the local runner cannot drift apart.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

STACK_FILE = Path(__file__).with_name("stack.toml")
REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Options:
    host: str | None = None
    ports: dict[str, int] = field(default_factory=dict)
    #: Where a worker or relay answers /metrics ("comments.worker" -> port), when not at the
    #: service's port plus `metrics_port_offset`.
    metrics_ports: dict[str, int] = field(default_factory=dict)
    database_urls: dict[str, str] = field(default_factory=dict)
    broker_url: str = "redis://127.0.0.1:6379/0"
    env: dict[str, str] = field(default_factory=dict)
    #: Environment for one service's processes only (the users service's signing key).
    service_env: dict[str, dict[str, str]] = field(default_factory=dict)
    python: str = sys.executable


def load() -> dict:
    """stack.toml, as data."""
    return tomllib.loads(STACK_FILE.read_text())


def plan(options: Options) -> dict:
    stack = load()
    defaults = {**stack["defaults"], "python": options.python}
    host = options.host or defaults["host"]
    ports = {name: options.ports.get(name, svc["port"]) for name, svc in stack["services"].items()}
    urls = {name: f"http://{host}:{port}" for name, port in ports.items()}
    shared_env = {
        "TANDEM_BROKER_URL": options.broker_url,
        "TANDEM_EVENT_BUS_URL": urls["eventbus"],
        "TANDEM_POSTS_URL": urls["posts"],
        **client_settings(stack["routes"], urls),
        **options.env,
    }
    offsets = defaults.pop("metrics_port_offset")
    services = {}
    for name, service in stack["services"].items():
        values = {**defaults, "service": name, "host": host, "port": ports[name]}
        metrics_ports = {
            kind: options.metrics_ports.get(f"{name}.{kind}", ports[name] + offsets[kind])
            for kind in service["processes"]
            if kind in offsets
        }
        env = {
            **shared_env,
            **options.service_env.get(name, {}),
            "DJANGO_SETTINGS_MODULE": f"microservices.{name}.settings",
        }
        if name in options.database_urls:
            env["DATABASE_URL"] = options.database_urls[name]
        services[name] = {
            "url": f"http://{host}:{ports[name]}",
            "env": env,
            "migrate": _format(stack["commands"]["migrate"], values),
            "processes": {
                kind: _format(
                    stack["commands"][kind], {**values, "metrics_port": metrics_ports.get(kind)}
                )
                for kind in service["processes"]
            },
            "metrics": {
                "web": f"http://{host}:{ports[name]}/metrics",
                **{kind: f"http://{host}:{port}/metrics" for kind, port in metrics_ports.items()},
            },
        }
    return {"cwd": str(REPO_ROOT), "services": services, "routes": stack["routes"]}


def client_settings(routes: list[dict], urls: dict[str, str]) -> dict[str, str]:
    """The web client is served by the service that answers "GET /". On separate ports it
    must send each path to its service's origin, and those services must allow its origin
    (and only it) by CORS."""
    page = urls[service_for(routes, "GET", "/")]
    origins = [page, page.replace("://127.0.0.1:", "://localhost:")]
    client_routes = [
        {
            "path": r["path"],
            **({"method": r["method"]} if "method" in r else {}),
            "url": urls[r["service"]],
        }
        for r in routes
    ]
    return {
        "TANDEM_CLIENT_ROUTES": json.dumps(client_routes),
        "TANDEM_CORS_ORIGINS": ",".join(dict.fromkeys(origins)),
    }


def service_for(routes: list[dict], method: str, path: str) -> str:
    """Which service answers METHOD PATH: the first route that matches, as the gateway does."""
    bare = path.split("?", 1)[0]
    for route in routes:
        if re.search(route["path"], bare) and route.get("method", method) == method:
            return route["service"]
    raise LookupError(f"no route for {method} {path}")


def _format(command: list[str], values: dict) -> list[str]:
    return [part.format(**values) for part in command]


def _pairs(items: list[str]) -> dict[str, str]:
    return dict(item.split("=", 1) for item in items)


def _service_pairs(items: list[str]) -> dict[str, dict[str, str]]:
    by_service: dict[str, dict[str, str]] = {}
    for item in items:
        service, pair = item.split(":", 1)
        by_service.setdefault(service, {}).update(_pairs([pair]))
    return by_service


def run(service: str, process: str, host: str | None, port: int | None) -> None:
    """Replaces this process with one process of the plan (or its migrate step)."""
    ports = {service: port} if port else {}
    planned = plan(Options(host=host, ports=ports))["services"].get(service)
    if planned is None:
        sys.exit(f"unknown service {service!r}")
    command = planned["migrate"] if process == "migrate" else planned["processes"].get(process)
    if command is None:
        sys.exit(f"{service} runs no {process!r} process")
    os.environ["DJANGO_SETTINGS_MODULE"] = planned["env"]["DJANGO_SETTINGS_MODULE"]
    os.execvp(command[0], command)


def main() -> None:
    parser = argparse.ArgumentParser(description="The split stack's plan: print it, or run a part.")
    parser.add_argument("command", choices=["plan", "run"])
    parser.add_argument("target", nargs="*", metavar="SERVICE PROCESS", help="with run")
    parser.add_argument("--host")
    parser.add_argument("--port", action="append", default=[], metavar="SERVICE=PORT")
    parser.add_argument(
        "--metrics-port", action="append", default=[], metavar="SERVICE.PROCESS=PORT",
        help="where a worker or relay answers /metrics",
    )  # fmt: skip
    parser.add_argument("--database-url", action="append", default=[], metavar="SERVICE=URL")
    parser.add_argument("--broker-url", default=Options.broker_url)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument(
        "--service-env", action="append", default=[], metavar="SERVICE:NAME=VALUE",
        help="for one service's processes only",
    )  # fmt: skip
    args = parser.parse_args()
    if args.command == "run":
        if len(args.target) != 2:
            parser.error("run needs SERVICE PROCESS")
        service, process = args.target
        ports = _pairs([p if "=" in p else f"{service}={p}" for p in args.port])
        port = int(ports[service]) if service in ports else None
        run(service, process, host=args.host, port=port)
        return
    options = Options(
        host=args.host,
        ports={k: int(v) for k, v in _pairs(args.port).items()},
        metrics_ports={k: int(v) for k, v in _pairs(args.metrics_port).items()},
        database_urls=_pairs(args.database_url),
        broker_url=args.broker_url,
        env=_pairs(args.env),
        service_env=_service_pairs(args.service_env),
    )
    json.dump(plan(options), sys.stdout, indent=2)


if __name__ == "__main__":
    main()
