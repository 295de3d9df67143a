"""The builds the behavioural suite can run against, each started as real processes.

A target gives the suite a base URL, the token secret its processes share (so the suite can
craft expired or forged tokens), and how long an eventually consistent outcome may take.
Adding a build means adding a class here; the tests do not change.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis
import requests

from common.auth.keys import new_pair
from microservices.stack import service_for
from tests.support.databases import PostgresDatabases, sqlite_url
from tests.support.processes import (
    PYTHON,
    REPO_ROOT,
    Process,
    free_port,
    free_ports,
    python_env,
    run_checked,
    stop_all,
    tail,
    wait_until_healthy,
)


def gunicorn_args(app: str, port: int, workers: int = 2, threads: int = 4) -> list[str]:
    """How every web process of Tandem is served in tests and in the bench.

    threads=1 means gunicorn's sync workers (one request at a time, no keep-alive).
    """
    concurrency = (
        ["--worker-class=sync"]
        if threads == 1
        else ["--worker-class=gthread", f"--threads={threads}", "--keep-alive=75"]
    )
    return [
        PYTHON,
        "-m",
        "gunicorn",
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        *concurrency,
        "--config=python:common.gunicorn",
    ]


@dataclass
class Target:
    name: str
    base_url: str = ""
    #: The signing key of the target's tokens, for tests that craft their own.
    token_key: str = ""
    #: Longest an asynchronous outcome (a moderated comment, a post in the feed) may take.
    settle_timeout: float = 10.0

    def url_for(self, method: str, path: str) -> str:
        """Where a public request goes: one origin, unless the build has several."""
        return f"{self.base_url}{path}"

    def start(self) -> None:
        """Brings the target up; `base_url` answers when this returns."""

    def stop(self) -> None:
        """Stops what `start` started."""

    @contextmanager
    def running(self) -> Iterator[Target]:
        """Up for the length of the block, stopped after it, also when the block or `start`
        itself fails (`stop` stops whatever was started)."""
        try:
            self.start()
            yield self
        finally:
            self.stop()

    def logs(self) -> dict[str, Path]:
        return {}


@dataclass
class UrlTarget(Target):
    """A target someone else started (compose, a cluster): its URL is known, and its token
    secret only if its owner gives it."""


@dataclass
class MonolithTarget(Target):
    """The monolith under gunicorn, on a fresh SQLite file or PostgreSQL database."""

    workdir: Path = Path(".")
    database: str = "sqlite"
    postgres: PostgresDatabases | None = None
    workers: int = 2
    threads: int = 4
    #: Extra environment for its process (the tracing tests point it at their receiver).
    env: dict[str, str] = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)

    def start(self) -> None:
        self.token_key, public_key = new_pair()
        if self.database == "postgres":
            assert self.postgres is not None, "--postgres-url is needed for PostgreSQL"
            database_url = self.postgres.create("tandem_monolith")
        else:
            database_url = sqlite_url(self.workdir, "monolith")
        env = python_env(
            DJANGO_SETTINGS_MODULE="monolith.config.settings",
            DATABASE_URL=database_url,
            TANDEM_TOKEN_SIGNING_KEY=self.token_key,
            TANDEM_TOKEN_PUBLIC_KEYS=public_key,
            **self.env,
        )
        log = self.workdir / "monolith.log"
        run_checked([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, log=log)
        port = free_port()
        args = gunicorn_args("monolith.config.wsgi:application", port, self.workers, self.threads)
        server = Process("monolith", args, env, log).start()
        self.processes.append(server)
        self.base_url = f"http://127.0.0.1:{port}"
        wait_until_healthy(f"{self.base_url}/health", server)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()

    def logs(self) -> dict[str, Path]:
        return {p.name: p.log for p in self.processes}


@dataclass
class SplitTarget(Target):
    """The split build: every service's web process (its relay loop on a thread) and worker,
    and the event bus, each its own process, on a database per service and a Redis
    (namespaced per run).

    The processes come from `python -m microservices.stack plan`, the same plan the local
    runner uses. Fault tests reach single processes through `processes` ("query.worker").
    """

    workdir: Path = Path(".")
    database: str = "sqlite"
    postgres: PostgresDatabases | None = None
    broker_url: str = "redis://127.0.0.1:6379/0"
    #: Extra environment for every process (fault tests shorten timeouts with it).
    env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, Process] = field(default_factory=dict)
    plan: dict = field(default_factory=dict)
    #: Only these services are migrated and started (the rest later, by `start_service`);
    #: all of them when None.
    only: tuple[str, ...] | None = None

    def start(self) -> None:
        self.token_key, public_key = new_pair()
        self.public_key = public_key
        self.broker_prefix = f"tandem-test-{uuid.uuid4().hex[:8]}:"
        defaults = self._plan([])["services"]
        self.database_urls = {name: self._database_url(name) for name in defaults}
        args = []
        listening = [(name, kind) for name, spec in defaults.items() for kind in spec["metrics"]]
        for (name, kind), port in zip(listening, free_ports(len(listening)), strict=True):
            if kind == "web":
                args += ["--port", f"{name}={port}"]
                args += ["--database-url", f"{name}={self.database_urls[name]}"]
            else:
                args += ["--metrics-port", f"{name}.{kind}={port}"]
        env = {
            "TANDEM_TOKEN_PUBLIC_KEYS": public_key,
            "TANDEM_BROKER_PREFIX": self.broker_prefix,
            **self.env,
        }
        for key, value in env.items():
            args += ["--env", f"{key}={value}"]
        args += ["--service-env", f"users:TANDEM_TOKEN_SIGNING_KEY={self.token_key}"]
        self.plan = self._plan(args)
        self._migrate()
        self.start_service(*(self.plan["services"] if self.only is None else self.only))
        self.base_url = self.plan["services"]["query"]["url"]

    def _plan(self, args: list[str]) -> dict:
        command = [PYTHON, "-m", "microservices.stack", "plan", "--broker-url", self.broker_url]
        output = subprocess.run(
            [*command, *args], cwd=REPO_ROOT, env=python_env(), check=True, capture_output=True
        ).stdout
        return json.loads(output)

    def _database_url(self, service: str) -> str:
        if self.database == "postgres":
            assert self.postgres is not None, "--postgres-url is needed for PostgreSQL"
            return self.postgres.create(f"tandem_{service}")
        return sqlite_url(self.workdir, service)

    def _migrate(self) -> None:
        running = []
        for name, service in self.plan["services"].items():
            if self.only is not None and name not in self.only:
                continue
            log = self.workdir / f"{name}.migrate.log"
            out = log.open("ab")
            env = python_env(**service["env"])
            running.append(
                (
                    name,
                    log,
                    subprocess.Popen(
                        service["migrate"],
                        cwd=REPO_ROOT,
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    ),
                )
            )
            out.close()
        for name, log, process in running:
            if process.wait() != 0:
                raise RuntimeError(f"migrating {name} failed:\n{tail(log)}")

    def migrate(self, service: str) -> None:
        spec = self.plan["services"][service]
        run_checked(
            spec["migrate"],
            env=python_env(**spec["env"]),
            log=self.workdir / f"{service}.migrate.log",
        )

    def manage(self, service: str, *command: str) -> str:
        """Runs a management command of one service, as an operator would; returns stdout."""
        spec = self.plan["services"][service]
        result = subprocess.run(
            [PYTHON, "-m", "microservices", service, *command],
            cwd=REPO_ROOT,
            env=python_env(**spec["env"]),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{service} {' '.join(command)} failed:\n{result.stderr}")
        return result.stdout

    def start_service(self, *services: str) -> None:
        """Starts every process of these services, then waits until each is ready."""
        labels = [
            f"{service}.{kind}"
            for service in services
            for kind in self.plan["services"][service]["processes"]
        ]
        for label in labels:
            self.start_process(label, wait=False)
        for label in labels:
            self.wait_ready(label)

    def restart_with_env(self, services, **env: str) -> None:
        """These services restarted one after another with `env` added to their settings: a
        rolling change of configuration, as an operator would make one."""
        for service in services:
            self.plan["services"][service]["env"].update(env)
            self.stop_service(service)
            self.start_service(service)

    def stop_service(self, service: str) -> None:
        labels = [label for label in self.processes if label.startswith(f"{service}.")]
        stop_all([self.processes.pop(label) for label in labels])

    def start_process(self, label: str, *, wait: bool = True) -> Process:
        service, kind = label.split(".")
        spec = self.plan["services"][service]
        process = Process(
            label,
            spec["processes"][kind],
            python_env(**spec["env"]),
            self.workdir / f"{label}.log",
        )
        self.processes[label] = process.start()
        if wait:
            self.wait_ready(label)
        return process

    def wait_ready(self, label: str, timeout: float = 60.0) -> None:
        process = self.processes[label]
        service, kind = label.split(".")
        if kind == "web":
            wait_until_healthy(f"{self.plan['services'][service]['url']}/health", process, timeout)
        else:
            _wait_for_line(process, re.compile(r"\bready\."), timeout)

    def query_database(self, service: str, query: str) -> list[tuple]:
        """Reads a service's own database directly, as an operator would when checking."""
        url = self.database_urls[service]
        if url.startswith("sqlite:"):
            with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
                return conn.execute(query).fetchall()
        with psycopg.connect(url) as conn:
            return conn.execute(query).fetchall()

    def wipe_database(self, service: str) -> None:
        """Deletes a service's database and creates it again, empty (not migrated)."""
        url = self.database_urls[service]
        if url.startswith("sqlite:"):
            for suffix in ("", "-wal", "-shm"):
                Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        else:
            assert self.postgres is not None
            self.postgres.recreate(url.rsplit("/", 1)[1])

    def bus_events(self, *, types: str = "") -> list[dict]:
        """Everything the event store holds (of these types), in order."""
        url = f"{self.plan['services']['eventbus']['url']}/events"
        events, after = [], 0
        while True:
            batch = requests.get(
                url, params={"after": after, "types": types, "limit": 1000}, timeout=10
            ).json()["events"]
            events += batch
            if len(batch) < 1000:
                return events
            after = batch[-1]["seq"]

    def stop_process(self, label: str) -> None:
        """One process ("query.worker") stopped cleanly, as an operator would stop it."""
        self.processes.pop(label).stop()

    def kill(self, label: str) -> None:
        self.processes.pop(label).kill()

    def url_for(self, method: str, path: str) -> str:
        service = service_for(self.plan["routes"], method, path)
        return f"{self.plan['services'][service]['url']}{path}"

    def stop(self) -> None:
        stop_all(list(self.processes.values()))
        self.processes.clear()
        if self.plan:
            client = redis.Redis.from_url(self.broker_url)
            for key in client.scan_iter(match=f"{self.broker_prefix}*", count=1000):
                client.delete(key)
            client.close()

    def logs(self) -> dict[str, Path]:
        return {label: process.log for label, process in self.processes.items()}


def _wait_for_line(process: Process, pattern: re.Pattern, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"{process.name} exited; its log:\n{tail(process.log)}")
        if process.log.exists() and pattern.search(process.log.read_text(errors="replace")):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{process.name} not ready after {timeout}s:\n{tail(process.log)}")
