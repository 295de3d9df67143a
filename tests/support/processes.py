"""Starts and stops the real processes a target is made of, and finds free ports for them.

Every process is started here and stopped here by its own PID (its process group, so that
gunicorn's workers go with it); nothing else on the machine is touched.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on, all different: each is held until all are chosen, so the
    system cannot hand out one of them twice."""
    with ExitStack() as held:
        ports = []
        for _ in range(count):
            sock = held.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            ports.append(sock.getsockname()[1])
        return ports


def run_checked(args: list[str], *, env: dict[str, str], log: Path) -> None:
    """Runs a set-up command (migrations, say) to its end, failing loudly with its output."""
    with log.open("ab") as out:
        result = subprocess.run(args, cwd=REPO_ROOT, env=env, stdout=out, stderr=out)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed; see {log}:\n{tail(log)}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


@dataclass
class Process:
    """A long-running process (a server or a worker) with its log file."""

    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> Process:
        out = self.log.open("ab")
        self.popen = subprocess.Popen(
            self.args,
            cwd=REPO_ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        return self

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig: int) -> None:
        if self.alive():
            os.killpg(self.pid, sig)

    def stop(self, timeout: float = 10.0) -> None:
        stop_all([self], timeout)

    def kill(self) -> None:
        """SIGKILL to the whole group: no clean shutdown, as in a crash."""
        if self.alive():
            self.signal(signal.SIGKILL)
            self.popen.wait(10)


def stop_all(processes: list[Process], timeout: float = 10.0) -> None:
    """SIGTERM to all at once, then SIGKILL to any still running after `timeout`."""
    running = [p for p in processes if p.alive()]
    for process in running:
        process.signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in running:
        try:
            process.popen.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.signal(signal.SIGKILL)
            process.popen.wait(timeout)


def wait_until_healthy(url: str, process: Process, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"{process.name} exited; its log:\n{tail(process.log)}")
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{process.name} not healthy after {timeout}s:\n{tail(process.log)}")


def python_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TANDEM_"))}
    env.pop("DATABASE_URL", None)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(overrides)
    return env


PYTHON = sys.executable
