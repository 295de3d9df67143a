"""What traces cost: each build with tracing off and on, under the same load, side by side in
one run. On, spans go to an OTLP/HTTP receiver in this process, as they would to a collector.

    python -m bench.tracing_cost [--rate 40] [--seconds 20] [--rounds 3]
                                 [--postgres-url ...] [--redis-url ...]

Each round runs the comparison's mix at a fixed rate against the four stacks one after
another; it prints, per build and setting, the medians over the rounds of the CPU
milliseconds per answered request of the build's processes and of the write and read
latencies, as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from bench.compare.__main__ import Build, feed_shows, measured_run, progress
from bench.compare.workload import CLIENTS_BEHIND_A_PROXY, Http, Population
from tests.support.databases import PostgresDatabases
from tests.support.otlp_receiver import Receiver
from tests.support.targets import MonolithTarget, SplitTarget


def stacks(workdir: Path, postgres: PostgresDatabases, redis_url: str, endpoint: str) -> list:
    traced = {"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint, **CLIENTS_BEHIND_A_PROXY}
    made = []
    for setting, env in (("off", CLIENTS_BEHIND_A_PROXY), ("on", traced)):
        common = {"database": "postgres", "postgres": postgres, "env": env}
        made.append(
            Build(
                f"monolith, traces {setting}",
                MonolithTarget("monolith", workdir=workdir / f"monolith-{setting}", **common),
            )
        )
        made.append(
            Build(
                f"split, traces {setting}",
                SplitTarget(
                    "split", workdir=workdir / f"split-{setting}", broker_url=redis_url, **common
                ),
            )
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=40)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()

    receiver = Receiver().start()
    postgres = PostgresDatabases(args.postgres_url)
    with tempfile.TemporaryDirectory() as tmp:
        builds = stacks(Path(tmp), postgres, args.redis_url, receiver.endpoint)
        try:
            for build in builds:
                build.target.workdir.mkdir(parents=True)
                progress(f"starting {build.name}")
                build.target.start()
                build.population = Population(Http(build.target.url_for))
                build.population.prepare(20, 20, feed_shows(build.population))
            runs: dict[str, list[dict]] = {build.name: [] for build in builds}
            for round_number in range(args.rounds):
                for build in builds:
                    run = measured_run(build, args.rate, args.seconds, seed=round_number)
                    runs[build.name].append(run)
                    cpu = run["cpu_ms_per_request"]
                    progress(f"round {round_number + 1}, {build.name}: {cpu} ms CPU a request")
        finally:
            for build in builds:
                build.target.stop()
            postgres.drop_all()
            receiver.stop()
    figures = {
        name: {
            "cpu_ms_per_request": statistics.median(r["cpu_ms_per_request"] for r in results),
            "write_p50_ms": statistics.median(r["write_ms"]["p50"] for r in results),
            "read_p50_ms": statistics.median(r["read_ms"]["p50"] for r in results),
            "errors": max(r["error_rate"] for r in results),
        }
        for name, results in runs.items()
    }
    figures["spans received"] = len(receiver.spans)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
