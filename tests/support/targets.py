"""The builds the behavioural suite can run against, each started as real processes.

A target gives the suite a base URL, the token secret its processes share (so the suite can
craft expired or forged tokens), and how long an eventually consistent outcome may take.
Adding a build means adding a class here; the tests do not change.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.databases import PostgresDatabases, sqlite_url
from tests.support.processes import (
    PYTHON,
    Process,
    free_port,
    python_env,
    run_checked,
    wait_until_healthy,
)


def gunicorn_args(app: str, port: int, workers: int = 2, threads: int = 4) -> list[str]:
    """How every web process of Tandem is served in tests and in the bench.

    threads=1 means gunicorn's sync workers (one request at a time, no keep-alive).
    """
    concurrency = (
        ["--worker-class=sync"]
        if threads == 1
        else [
            "--worker-class=gthread",
            f"--threads={threads}",
        ]
    )
    return [
        PYTHON,
        "-m",
        "gunicorn",
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        *concurrency,
    ]


@dataclass
class Target:
    name: str
    base_url: str = ""
    token_secret: str = ""
    #: Longest an asynchronous outcome (a moderated comment, a post in the feed) may take.
    settle_timeout: float = 10.0

    def start(self) -> None:
        """Brings the target up; `base_url` answers when this returns."""

    def stop(self) -> None:
        """Stops what `start` started."""

    def logs(self) -> dict[str, Path]:
        return {}


@dataclass
class UrlTarget(Target):
    """A target someone else started (compose, a cluster): only its URL and secret are known."""


@dataclass
class MonolithTarget(Target):
    """The monolith under gunicorn, on a fresh SQLite file or PostgreSQL database."""

    workdir: Path = Path(".")
    database: str = "sqlite"
    postgres: PostgresDatabases | None = None
    workers: int = 2
    threads: int = 4
    processes: list[Process] = field(default_factory=list)

    def start(self) -> None:
        self.token_secret = secrets.token_urlsafe(32)
        if self.database == "postgres":
            assert self.postgres is not None, "--postgres-url is needed for PostgreSQL"
            database_url = self.postgres.create("tandem_monolith")
        else:
            database_url = sqlite_url(self.workdir, "monolith")
        env = python_env(
            DJANGO_SETTINGS_MODULE="monolith.config.settings",
            DATABASE_URL=database_url,
            TANDEM_TOKEN_SECRET=self.token_secret,
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
