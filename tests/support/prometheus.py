"""Debian's Prometheus, scraping a split stack the harness started, with the compose
profile's jobs and labels (compose/observability/prometheus.yaml) but the harness's ports in
place of the containers' names: so the dashboard's queries can be run against real scrapes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests
import yaml

from tests.support.processes import REPO_ROOT, Process, free_port, python_env

COMPOSE_CONFIG = REPO_ROOT / "compose" / "observability" / "prometheus.yaml"


@dataclass
class Prometheus:
    plan: dict
    workdir: Path
    interval: str = "1s"
    process: Process | None = field(default=None, repr=False)
    url: str = ""

    def config(self) -> dict:
        """The compose profile's jobs, each target named as its container is."""
        jobs = []
        for job in yaml.safe_load(COMPOSE_CONFIG.read_text())["scrape_configs"]:
            targets = []
            for sd in job["dns_sd_configs"]:
                for name in sd["names"]:
                    service, _, kind = name.partition("-")
                    address = urlsplit(self.plan["services"][service]["metrics"][kind or "web"])
                    targets.append({"targets": [address.netloc], "labels": {"process": name}})
            jobs.append({"job_name": job["job_name"], "static_configs": targets})
        return {
            "global": {"scrape_interval": self.interval, "evaluation_interval": self.interval},
            "scrape_configs": jobs,
        }

    def start(self) -> Prometheus:
        path = self.workdir / "prometheus.yaml"
        path.write_text(yaml.safe_dump(self.config()))
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        args = [
            "prometheus",
            f"--config.file={path}",
            f"--storage.tsdb.path={self.workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ]
        self.process = Process("prometheus", args, python_env(), self.workdir / "prometheus.log")
        self.process.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/-/ready", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("prometheus did not get ready")

    def query(self, expression: str) -> list[dict]:
        answer = requests.get(f"{self.url}/api/v1/query", params={"query": expression}, timeout=10)
        body = answer.json()
        assert body["status"] == "success", f"{expression}: {body}"
        return body["data"]["result"]

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
