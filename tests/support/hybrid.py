"""The hybrid stack of the road to the split build (docs/migration.md), as real processes on
PostgreSQL and Redis: two monolith processes behind the gateway, and beside them the split
build's parts as they are brought in (the event bus first, then each service), until the
monolith is retired.

The monolith runs as two processes so that a change of its configuration is a rolling
restart: the gateway sends its paths to both (an upstream group), and each copy is drained
from the group before it stops, as in any deployment of more than one copy.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.databases import PostgresDatabases
from tests.support.gateway import PUBLIC_SERVICES, Gateway
from tests.support.processes import (
    PYTHON,
    REPO_ROOT,
    Process,
    free_port,
    python_env,
    run_checked,
    stop_all,
    wait_until_healthy,
)
from tests.support.targets import SplitTarget, gunicorn_args

MONOLITH = "monolith"
#: One client address signs every test user up, many times an hour, through the gateway.
ATTEMPTS = {
    "TANDEM_SIGN_UP_RATE": "100000/h",
    "TANDEM_SIGN_IN_RATE": "100000/m",
    "TANDEM_TRUSTED_PROXIES": "1",
}
#: How long a drained copy is left to answer what the gateway sent it before the reload.
DRAIN_SECONDS = 1.0
#: The longest an operator's command may take here (`ready --wait 180` the longest of them):
#: one that hangs fails its step instead of holding the walk.
COMMAND_TIMEOUT = 300


@dataclass
class HybridStack:
    workdir: Path
    postgres: PostgresDatabases
    broker_url: str
    #: The monolith's environment beyond the database, keys and where the bus is.
    monolith_env: dict[str, str] = field(default_factory=dict)
    monoliths: dict[str, Process] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    def start(self) -> None:
        self.split = SplitTarget(
            "split",
            workdir=self.workdir,
            database="postgres",
            postgres=self.postgres,
            broker_url=self.broker_url,
            only=(),  # each part is brought in at its step
            env=ATTEMPTS,
        )
        self.split.start()
        self.database_url = self.postgres.create("tandem_monolith")
        self.env = {
            "DJANGO_SETTINGS_MODULE": "monolith.config.settings",
            "DATABASE_URL": self.database_url,
            "TANDEM_TOKEN_SIGNING_KEY": self.split.token_key,
            "TANDEM_TOKEN_PUBLIC_KEYS": self.split.public_key,
            "TANDEM_BROKER_URL": self.broker_url,
            "TANDEM_BROKER_PREFIX": self.split.broker_prefix,
            "TANDEM_EVENT_BUS_URL": self.split.plan["services"]["eventbus"]["url"],
            **ATTEMPTS,
            **self.monolith_env,
        }
        run_checked(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
            env=python_env(**self.env),
            log=self.workdir / "monolith.migrate.log",
        )
        for name in ("a", "b"):
            self.ports[name] = free_port()
            self._start_monolith(name)
        self.gateway = Gateway(
            None,
            self.workdir,
            routes=dict.fromkeys(PUBLIC_SERVICES, MONOLITH),
            groups={MONOLITH: [f"127.0.0.1:{port}" for port in self.ports.values()]},
        ).start()

    # ---- the monolith
    def monolith_url(self, name: str = "a") -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def _start_monolith(self, name: str) -> None:
        args = gunicorn_args("monolith.config.wsgi:application", self.ports[name], 2, 4)
        log = self.workdir / f"monolith-{name}.log"
        process = Process(f"monolith-{name}", args, python_env(**self.env), log).start()
        self.monoliths[name] = process
        wait_until_healthy(f"{self.monolith_url(name)}/health", process, timeout=60)

    def restart_monolith(self, **env: str) -> None:
        """A rolling restart with `env` added, one copy at a time: the gateway stops sending
        it requests (a reload), it finishes what it holds and stops, starts again, and is
        taken back. Stopped without that drain, a copy would drop the connections waiting in
        its listen queue: a POST there gets no answer, and nginx rightly does not send a
        POST it has sent once to the other copy."""
        self.env.update(env)
        everyone = [f"127.0.0.1:{port}" for port in self.ports.values()]
        for name in list(self.monoliths):
            address = f"127.0.0.1:{self.ports[name]}"
            self.gateway.regroup(MONOLITH, [a for a in everyone if a != address])
            time.sleep(DRAIN_SECONDS)
            self.monoliths.pop(name).stop(timeout=30)
            self._start_monolith(name)
            self.gateway.regroup(MONOLITH, everyone)

    def retire_monolith(self) -> None:
        """Step 7: no route names the monolith any more; its copies stop."""
        stop_all(list(self.monoliths.values()), timeout=30)

    def manage(self, *command: str) -> str:
        """A monolith management command, as an operator runs one; returns its output."""
        result = subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=REPO_ROOT,
            env=python_env(**self.env),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{result.stderr}")
        return result.stdout

    # ---- the split build's parts
    def start_service(self, service: str, **env: str) -> None:
        self.split.plan["services"][service]["env"].update(env)
        self.split.migrate(service)
        self.split.start_service(service)

    def service_url(self, service: str) -> str:
        return self.split.plan["services"][service]["url"]

    def address_of(self, service: str) -> str:
        return self.service_url(service).removeprefix("http://")

    # ---- the operator's commands
    def migration(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "-m", "migration", *args],
            cwd=REPO_ROOT,
            env=python_env(),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
        )

    def route(self, service: str, address: str) -> subprocess.CompletedProcess:
        table = str(self.gateway.routes_file)
        reload = self.gateway.reload_command
        return self.migration("route", service, address, "--table", table, "--reload", reload)

    def pids(self) -> list[int]:
        """Every process of the stack's that the harness started (their children aside)."""
        started = [*self.monoliths.values(), *self.split.processes.values(), self.gateway.process]
        return [process.pid for process in started if process is not None and process.alive()]

    def stop(self) -> None:
        for stoppable in (getattr(self, "gateway", None), getattr(self, "split", None)):
            if stoppable is not None:
                stoppable.stop()
        for process in self.monoliths.values():
            process.stop()

    def logs(self) -> dict[str, Path]:
        logs = {name: p.log for name, p in self.monoliths.items()}
        if getattr(self, "split", None):
            logs.update(self.split.logs())
        return logs
