"""Runs Tandem's compose stacks for the tests: the Compose v2 command line against podman's
Docker API, on a socket and a project name of the test's own, with secrets made for the run.

Podman schedules a container's HEALTHCHECK with systemd timers. Where no systemd runs, the
checks never run by themselves, and `depends_on: service_healthy` would wait forever; the
`HealthPump` here runs them instead.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common.auth.keys import new_pair
from tests.support.processes import REPO_ROOT, Process, free_port, tail

COMPOSE_DIR = REPO_ROOT / "compose"
COMPOSE = str(Path(sys.executable).with_name("docker-compose"))
SERVICE_DATABASES = ("users", "posts", "comments", "query", "moderation", "eventbus")


class PodmanApi:
    """`podman system service` on a socket in `workdir`, stopped by its PID."""

    def __init__(self, workdir: Path):
        self.socket = workdir / "podman.sock"
        self.process = Process(
            "podman-api",
            ["podman", "system", "service", "--time=0", f"unix://{self.socket}"],
            dict(os.environ),
            workdir / "podman-api.log",
        )

    def start(self) -> None:
        if shutil.which("podman") is None:
            raise RuntimeError("podman is not installed; .ci/run shows how to install it")
        self.process.start()
        deadline = time.monotonic() + 20
        while not self.socket.exists():
            if time.monotonic() > deadline or not self.process.alive():
                raise RuntimeError(f"podman API did not start:\n{tail(self.process.log)}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.stop()


class HealthPump:
    """Runs the health checks of a compose project's containers: every second for one that
    is not healthy yet, every `settled` seconds once it is."""

    def __init__(self, project: str, settled: float = 15.0):
        self.project = project
        self.settled = settled
        self._stopping = threading.Event()
        self._due: dict[str, float] = {}
        self._running: set[str] = set()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="health")
        self._thread = threading.Thread(target=self._loop, name="health-pump", daemon=True)

    def start(self) -> None:
        if not self._thread.is_alive():
            self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _loop(self) -> None:
        while not self._stopping.wait(1.0):
            listed = subprocess.run(
                [
                    "podman",
                    "ps",
                    "-q",
                    "--filter",
                    f"label=com.docker.compose.project={self.project}",
                ],
                capture_output=True,
                text=True,
            )
            now = time.monotonic()
            for container in listed.stdout.split():
                with self._lock:
                    if container in self._running or self._due.get(container, 0) > now:
                        continue
                    self._running.add(container)
                self._pool.submit(self._check, container)

    def _check(self, container: str) -> None:
        result = subprocess.run(["podman", "healthcheck", "run", container], capture_output=True)
        # 0 healthy, 1 not yet; 125 means no health check (or not running): look again later.
        wait = {0: self.settled, 1: 1.0}.get(result.returncode, 30.0)
        with self._lock:
            self._due[container] = time.monotonic() + wait
            self._running.discard(container)


class ComposeStack:
    """One of compose/*.yaml, brought up under a project name of its own, on a free port."""

    def __init__(self, compose_file: str, workdir: Path, api: PodmanApi):
        self.file = COMPOSE_DIR / compose_file
        self.project = f"tandem-test-{self.file.stem}-{uuid.uuid4().hex[:6]}"
        self.workdir = workdir
        self.port = free_port()
        self.token_key, self.public_key = new_pair()
        self.env_file = workdir / f"{self.file.stem}.env"
        self.passwords = {name: secrets.token_hex(16) for name in ("monolith", *SERVICE_DATABASES)}
        self.env_file.write_text(self._env_file_text())
        docker_config = workdir / "docker-config"
        docker_config.mkdir(exist_ok=True)
        (docker_config / "config.json").write_text("{}")
        self.env = {
            **os.environ,
            "DOCKER_HOST": f"unix://{api.socket}",
            "DOCKER_CONFIG": str(docker_config),
        }
        self.pump = HealthPump(self.project)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _env_file_text(self) -> str:
        values = {
            "TANDEM_PORT": str(self.port),
            "DJANGO_SECRET_KEY": secrets.token_hex(32),
            "TANDEM_TOKEN_SIGNING_KEY": self.token_key,
            "TANDEM_TOKEN_PUBLIC_KEYS": self.public_key,
            "POSTGRES_PASSWORD": secrets.token_hex(16),
            "REDIS_PASSWORD": secrets.token_hex(16),
            **{f"{name.upper()}_DB_PASSWORD": pw for name, pw in self.passwords.items()},
        }
        return "".join(f"{name}={value}\n" for name, value in values.items())

    def compose(self, *args: str, timeout: float = 600, check: bool = True):
        command = [
            COMPOSE,
            "-p",
            self.project,
            "-f",
            str(self.file),
            "--env-file",
            str(self.env_file),
        ]
        result = subprocess.run(
            [*command, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"compose {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def up(self, *services: str, scale: dict[str, int] | None = None, timeout: int = 300) -> None:
        """Starts the stack (or some of its services) and returns when every container is
        healthy, or fails with the logs of those that are not."""
        self.pump.start()
        args = ["up", "-d", "--wait", f"--wait-timeout={timeout}"]
        if scale:
            # A second `up` would otherwise recreate every container of the project.
            args.append("--no-recreate")
            args += [f"--scale={name}={count}" for name, count in scale.items()]
        try:
            self.compose(*args, *services, timeout=timeout + 60)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            raise RuntimeError(f"{error}\n{self.describe()}") from error

    def down(self) -> None:
        try:
            self.compose("down", "-v", "--remove-orphans", "-t", "5", timeout=180, check=False)
        finally:
            self.pump.stop()

    def build(self) -> None:
        self.compose("build", timeout=1200)

    def containers(self, service: str | None = None) -> list[dict]:
        listed = self.compose("ps", "-a", "--format=json", *([service] if service else []))
        text = listed.stdout.strip()
        if text.startswith("["):
            return json.loads(text)
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def logs(self, service: str, lines: int = 200) -> str:
        return self.compose("logs", "--no-color", f"--tail={lines}", service, check=False).stdout

    def exec(self, service: str, *command: str) -> subprocess.CompletedProcess:
        return self.compose("exec", "-T", service, *command, check=False, timeout=60)

    def describe(self) -> str:
        """What each container is doing, with the logs of those that are not healthy."""
        lines = []
        for container in self.containers():
            name, state = (
                container.get("Service"),
                container.get("Status") or container.get("State"),
            )
            lines.append(f"{name}: {state}")
            if "healthy" not in str(state) or "unhealthy" in str(state):
                lines.append(self.logs(name, lines=30))
        return "\n".join(lines)
