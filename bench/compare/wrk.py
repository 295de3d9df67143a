"""Closed-loop load from `wrk`, a compiled generator: how fast a build answers when every
connection sends its next request as soon as the last one is answered.

The Python generator in workload.py keeps an open-loop schedule for latency at fixed rates;
on two shared cores it cannot offer more than a few hundred requests a second, so the
ceilings are found with this one, whose own CPU time is measured and reported apart.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.compare.workload import MIX, Population

SCRIPT = Path(__file__).with_name("mix.lua")
CONNECTIONS = 8


@dataclass
class ClosedLoop:
    """What one wrk run saw."""

    seconds: float
    requests: int
    #: Answers that were not 2xx/3xx, and requests that got no answer at all.
    non_2xx: int
    socket_errors: int
    timeouts: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    #: CPU seconds wrk itself spent: the machine's share that the build did not get.
    generator_cpu_seconds: float

    @property
    def failed(self) -> int:
        return self.non_2xx + self.socket_errors + self.timeouts

    @property
    def rate(self) -> float:
        """Requests answered as expected, per second."""
        return max(0, self.requests - self.non_2xx) / self.seconds

    @property
    def error_rate(self) -> float:
        return self.failed / max(1, self.requests)

    def summary(self) -> dict:
        return {
            **asdict(self),
            "rate": round(self.rate, 1),
            "error_rate": round(self.error_rate, 4),
        }


def available() -> bool:
    return shutil.which("wrk") is not None


def run(
    base_url: str,
    population: Population,
    *,
    seconds: float,
    shares: dict[str, float] | None = None,
    connections: int = CONNECTIONS,
    path: str = "/",
    read: str = "/posts",
) -> ClosedLoop:
    """`connections` connections on one wrk thread for `seconds`, sending the mix (`MIX`
    unless `shares` says otherwise) to `base_url`, its reads to `read` (a path and its
    query); `path` is only the first request's."""
    shares = {kind: (shares or MIX).get(kind, 0.0) for kind in ("signup", "post", "comment")}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as given:
        given.writelines(f"token {token}\n" for token in population.tokens)
        given.writelines(f"post {post_id}\n" for post_id in population.post_ids)
    feed = max(0.0, 1.0 - sum(shares.values()))
    command = [
        shutil.which("wrk") or "wrk",
        "--threads=1",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=5s",
        f"--script={SCRIPT}",
        f"{base_url}{path}",
        "--",
        given.name,
        *(f"{shares[k]:.4f}" for k in ("signup", "post", "comment")),
        f"{feed:.4f}",
        population.new_username(),
        read,
    ]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = process.stdout.read().decode(errors="replace")
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        os.unlink(given.name)
    line = next((ln for ln in output.splitlines() if ln.startswith("WRK_RESULT ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{output}")
    found = json.loads(line.removeprefix("WRK_RESULT "))
    return ClosedLoop(
        seconds=found["duration_us"] / 1e6,
        requests=found["requests"],
        non_2xx=found["non_2xx"],
        socket_errors=found["socket_errors"],
        timeouts=found["timeouts"],
        p50_ms=round(found["p50_us"] / 1000, 2),
        p90_ms=round(found["p90_us"] / 1000, 2),
        p99_ms=round(found["p99_us"] / 1000, 2),
        generator_cpu_seconds=round(usage.ru_utime + usage.ru_stime, 3),
    )
