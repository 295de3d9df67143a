"""Runs wrk (a C load generator, light on the CPU the servers need) and reads its figures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    errors: int
    requests: int


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def _script(method: str, body: dict | None, headers: dict[str, str]) -> str:
    lines = [f'wrk.method = "{method}"']
    if body is not None:
        lines.append(f"wrk.body = {json.dumps(json.dumps(body))}")
    lines += [f'wrk.headers["{name}"] = "{value}"' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def run(
    url: str,
    *,
    seconds: float,
    connections: int = 8,
    method: str = "GET",
    body: dict | None = None,
    headers: dict[str, str] | None = None,
) -> Result:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_script(method, body, headers or {}))
    args = [
        wrk,
        "-t1",
        f"-c{connections}",
        f"-d{round(seconds)}s",
        "--latency",
        "-s",
        script.name,
        url,
    ]
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    Path(script.name).unlink()
    percentiles = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    socket_count = sum(map(int, re.findall(r"\d+", socket_errors.group(1)))) if socket_errors else 0
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_ms(percentiles["50"]),
        p90_ms=_ms(percentiles["90"]),
        p99_ms=_ms(percentiles["99"]),
        errors=(int(errors.group(1)) if errors else 0) + socket_count,
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
    )
