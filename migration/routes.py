"""The gateway's routing table while the road is walked: one line per public service in a file
of its upstreams.d/ ("query  monolith:8000;"), read by its template's `$tandem_upstream` map.

A flip rewrites the file in one rename and asks nginx to reload: new workers take the new
table, the old ones finish the requests they hold, and no connection is dropped.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
import time
from pathlib import Path

#: The services the gateway routes to (the template's `$tandem_service` values).
SERVICES = ("users", "posts", "comments", "query")
#: How long a reload may take before the flip is undone: a gateway that hangs is refused.
RELOAD_SECONDS = 30
_LINE = re.compile(r"^\s*([a-z]+)\s+([^\s;]+)\s*;\s*$")
_ADDRESS = re.compile(r"^[A-Za-z0-9.-]+:[0-9]{1,5}$")


class RouteError(ValueError):
    """A service or address the table cannot take; nothing was changed."""


def read(path: Path) -> dict[str, str]:
    return parse(path.read_text())


def parse(text: str) -> dict[str, str]:
    routes = {}
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            routes[match.group(1)] = match.group(2)
    return routes


def render(routes: dict[str, str], comments: list[str]) -> str:
    width = max(len(name) for name in routes) + 2
    lines = [*comments, *(f"{name:<{width}}{address};" for name, address in routes.items())]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    """The new table in place of the old at once: nginx never reads half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".routes-")
    with os.fdopen(handle, "w") as out:
        out.write(text)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def flip(path: Path, service: str, address: str, reload: str) -> float:
    """Sends `service`'s paths to `address` (host:port, or a name another service goes to, such
    as an upstream group of the monolith's copies) and reloads the gateway with `reload` (a
    shell command); returns the seconds it took. RouteError, and nothing changed, for a
    service the gateway does not route or an address it cannot take."""
    if service not in SERVICES:
        raise RouteError(f"{service!r} is not routed by the gateway; one of {', '.join(SERVICES)}")
    before = path.read_text()
    routes = parse(before)
    if not _ADDRESS.match(address) and address not in routes.values():
        raise RouteError(f"{address!r} is not host:port, nor where another service goes now")
    started = time.monotonic()
    comments = [line for line in before.splitlines() if line.startswith("#")]
    write(path, render({**routes, service: address}, comments))
    try:
        reloaded = subprocess.run(
            shlex.split(reload), capture_output=True, text=True, timeout=RELOAD_SECONDS
        )
        failure = reloaded.stderr.strip() if reloaded.returncode != 0 else None
    except (OSError, subprocess.TimeoutExpired) as exc:
        failure = str(exc)
    if failure is not None:
        write(path, before)
        raise RouteError(f"the gateway did not reload, the table is as before: {failure}")
    return time.monotonic() - started
