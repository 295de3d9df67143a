"""The gateway compose and Kubernetes put in front of either build
(k8s/base/gateway/default.conf.template), run on this machine by Debian's nginx in front of
a build the tests started.

The routing table, the limits and the error pages are the template's own. What differs is
only what a machine differs in: each service is sent to the port the harness started it on
(a file in upstreams.d/, which the template reads), and the ports, the log and the resolver
are this machine's.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from migration import routes as route_table
from tests.support.processes import REPO_ROOT, Process, free_port, wait_until_healthy
from tests.support.targets import MonolithTarget, SplitTarget

TEMPLATE = REPO_ROOT / "k8s" / "base" / "gateway" / "default.conf.template"
#: The services the gateway routes to (the template's `$tandem_service` values).
PUBLIC_SERVICES = ("users", "posts", "comments", "query")

MAIN_CONF = """\
daemon off;
worker_processes auto;
error_log {home}/error.log warn;
pid {home}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    keepalive_timeout 65;
    include groups.conf;
    include gateway.conf;
}}
"""


def upstreams_of(target: MonolithTarget | SplitTarget) -> dict[str, str]:
    """Where each public service of a started build answers, as host:port."""
    if isinstance(target, SplitTarget):
        urls = {name: target.plan["services"][name]["url"] for name in PUBLIC_SERVICES}
    else:
        urls = dict.fromkeys(PUBLIC_SERVICES, target.base_url)
    return {name: url.removeprefix("http://") for name, url in urls.items()}


def _group(named: tuple[str, list[str]]) -> str:
    """An upstream group nginx balances over; a route naming the group goes to its servers.
    A server that refuses a connection is skipped for the next, but never counted out
    (max_fails=0): one counted out for nginx's default 10 s could leave no copy to try."""
    name, addresses = named
    servers = "".join(f"    server {address} max_fails=0;\n" for address in addresses)
    return f"upstream {name} {{\n{servers}}}\n"


def rendered(home: Path, port: int, health_port: int) -> str:
    """The template as nginx's image would render it, with this machine's ports and log."""
    text = TEMPLATE.read_text()
    for old, new in {
        "${NGINX_LOCAL_RESOLVERS}": "127.0.0.1",
        "${TANDEM_SERVICE_DOMAIN}": "",
        "listen 8080;": f"listen 127.0.0.1:{port};",
        "listen 8081;": f"listen 127.0.0.1:{health_port};",
        "access_log /var/log/nginx/access.log": f"access_log {home}/access.log",
    }.items():
        assert old in text, f"the gateway template no longer has {old!r}"
        text = text.replace(old, new)
    return text


@dataclass
class Gateway:
    """nginx in front of `target`; `url_for` and the rest read like a target's own."""

    target: MonolithTarget | SplitTarget | None
    workdir: Path
    port: int = 0
    #: The port that is not published: the gateway's health, and the owner of posts.
    internal_port: int = 0
    process: Process | None = field(default=None, repr=False)
    #: Where each service goes, instead of the target's own addresses (host:port or a group).
    routes: dict[str, str] | None = None
    #: Upstream groups by name, each some host:port addresses, for `routes` to name.
    groups: dict[str, list[str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.target.name if self.target else "gateway"

    @property
    def settle_timeout(self) -> float:
        return self.target.settle_timeout if self.target else 30.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def internal_url(self) -> str:
        return f"http://127.0.0.1:{self.internal_port}"

    def url_for(self, method: str, path: str) -> str:
        return f"{self.base_url}{path}"

    def start(self) -> Gateway:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        home = self.workdir / "gateway"
        (home / "upstreams.d").mkdir(parents=True, exist_ok=True)
        routes = self.routes or upstreams_of(self.target)
        self.routes_file.write_text(
            "".join(f"{name} {address};\n" for name, address in routes.items())
        )
        (home / "groups.conf").write_text("".join(map(_group, self.groups.items())))
        self.port, self.internal_port = free_port(), free_port()
        (home / "gateway.conf").write_text(rendered(home, self.port, self.internal_port))
        (home / "nginx.conf").write_text(MAIN_CONF.format(home=home))
        self.process = Process(
            "gateway", [nginx, "-p", str(home), "-c", str(home / "nginx.conf")], {}, home / "log"
        ).start()
        wait_until_healthy(f"{self.internal_url}/healthz", self.process, timeout=10)
        return self

    def regroup(self, name: str, addresses: list[str]) -> None:
        """One upstream group's servers changed, by a reload: how a copy is drained before it
        stops and taken back once it answers again."""
        self.groups[name] = addresses
        # In one rename: the master may still be reading it for the reload before this one,
        # and a group it finds missing is a name nginx would try to resolve.
        route_table.write(self.home / "groups.conf", "".join(map(_group, self.groups.items())))
        subprocess.run(shlex.split(self.reload_command), check=True, capture_output=True)

    @property
    def home(self) -> Path:
        return self.workdir / "gateway"

    @property
    def routes_file(self) -> Path:
        """The routing table's file in upstreams.d/, as `python -m migration route` edits it."""
        return self.home / "upstreams.d" / "started.conf"

    @property
    def reload_command(self) -> str:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        return f"{nginx} -p {self.home} -c {self.home / 'nginx.conf'} -s reload"

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
