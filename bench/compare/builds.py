"""Both builds as the bench runs them: on PostgreSQL (the split build with a database per
service) and Redis, with clients behind one proxy, each started as real processes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.compare.workload import CLIENTS_BEHIND_A_PROXY, Population
from tests.support.databases import PostgresDatabases
from tests.support.gateway import Gateway
from tests.support.targets import MonolithTarget, SplitTarget, Target


@dataclass
class Build:
    name: str
    target: Target
    population: Population | None = None
    gateway: Gateway | None = None
    results: dict = field(default_factory=dict)


def progress(message: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


def feed_shows(population: Population):
    def visible(post_id: int) -> bool:
        response = population.http.request("GET", "/posts", params={"page_size": 100})
        return any(p["id"] == post_id for p in response.json()["results"])

    return visible


def start_builds(workdir: Path, postgres: PostgresDatabases, broker_url: str) -> list[Build]:
    monolith = MonolithTarget(
        "monolith",
        workdir=workdir / "monolith",
        database="postgres",
        postgres=postgres,
        env=CLIENTS_BEHIND_A_PROXY,
    )
    split = SplitTarget(
        "split",
        workdir=workdir / "split",
        database="postgres",
        postgres=postgres,
        broker_url=broker_url,
        env=CLIENTS_BEHIND_A_PROXY,
    )
    builds = [Build("monolith", monolith), Build("split", split)]
    for build in builds:
        build.target.workdir.mkdir(parents=True, exist_ok=True)
        progress(f"starting the {build.name} build")
        build.target.start()
    return builds
