"""The split stack as data: which processes each service runs, with which command and
environment, and which service answers which public path.

    python -m microservices.stack plan [--port posts=14000 ...] [--database-url posts=...]

prints that plan as JSON, so a harness can start the stack without importing this package.
"""

from __future__ import annotations

import argparse
import json
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
    database_urls: dict[str, str] = field(default_factory=dict)
    broker_url: str = "redis://127.0.0.1:6379/0"
    env: dict[str, str] = field(default_factory=dict)
    python: str = sys.executable


def plan(options: Options) -> dict:
    stack = tomllib.loads(STACK_FILE.read_text())
    defaults = {**stack["defaults"], "python": options.python}
    host = options.host or defaults["host"]
    ports = {name: options.ports.get(name, svc["port"]) for name, svc in stack["services"].items()}
    shared_env = {
        "TANDEM_BROKER_URL": options.broker_url,
        "TANDEM_EVENT_BUS_URL": f"http://{host}:{ports['eventbus']}",
        **options.env,
    }
    services = {}
    for name, service in stack["services"].items():
        values = {**defaults, "service": name, "host": host, "port": ports[name]}
        env = {**shared_env, "DJANGO_SETTINGS_MODULE": f"microservices.{name}.settings"}
        if name in options.database_urls:
            env["DATABASE_URL"] = options.database_urls[name]
        services[name] = {
            "url": f"http://{host}:{ports[name]}",
            "env": env,
            "migrate": _format(stack["commands"]["migrate"], values),
            "processes": {
                kind: _format(stack["commands"][kind], values) for kind in service["processes"]
            },
        }
    return {"cwd": str(REPO_ROOT), "services": services, "routes": stack["routes"]}


def _format(command: list[str], values: dict) -> list[str]:
    return [part.format(**values) for part in command]


def _pairs(items: list[str]) -> dict[str, str]:
    return dict(item.split("=", 1) for item in items)


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the split stack's plan as JSON.")
    parser.add_argument("command", choices=["plan"])
    parser.add_argument("--host")
    parser.add_argument("--port", action="append", default=[], metavar="SERVICE=PORT")
    parser.add_argument("--database-url", action="append", default=[], metavar="SERVICE=URL")
    parser.add_argument("--broker-url", default=Options.broker_url)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    options = Options(
        host=args.host,
        ports={k: int(v) for k, v in _pairs(args.port).items()},
        database_urls=_pairs(args.database_url),
        broker_url=args.broker_url,
        env=_pairs(args.env),
    )
    json.dump(plan(options), sys.stdout, indent=2)


if __name__ == "__main__":
    main()
