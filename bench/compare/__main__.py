"""Runs the comparison: both builds on PostgreSQL, side by side, then writes the figures.

    python -m bench.compare [--out docs/comparison] [--repeats 3] [--seconds 15]
    python -m bench.compare --smoke --out /tmp/smoke
    python -m bench.compare --scale-only [--scale-sizes 10000,100000]   (make bench-scale)
    python -m bench.compare --road-only   (make bench-road)

The full bench walks the road from the monolith to the split build last (road.py; `--no-road`
to leave it out); the smoke run does not.

Every figure is the median of `--repeats` runs, with min and max; within a repeat the two
builds (and the ceiling) run one after the other at each step, so they share the machine's
mood of the moment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.compare import code, faults, report, road, saturation, scale, traces
from bench.compare.builds import Build, feed_shows, progress, start_builds
from bench.compare.ceiling import celery_round_trip, start_constant_view
from bench.compare.probes import ProbeDuringLoad, post_lag, probe_idle, sign_in_cost
from bench.compare.resources import CpuMeter, footprint, leader_pids, machine, process_tree
from bench.compare.stats import latency_ms, spread, spread_tree
from bench.compare.workload import Http, Population, run_at_rate
from tests.support.databases import PostgresDatabases
from tests.support.gateway import Gateway

BUILDS = ("monolith", "split")


@dataclass
class Settings:
    repeats: int = 3
    seconds: float = 10.0
    rates: tuple[float, ...] = (10, 25, 50)
    idle_probes: int = 30
    #: Seconds of each closed-loop run (wrk): the mix, and POST /posts alone.
    saturation_seconds: float = 10.0
    sign_ins: int = 20
    round_trips: int = 200
    users: int = 10
    seed_posts: int = 10
    run_faults: bool = True
    #: Comments traced in each build, idle and again under load (the middle of `rates`).
    traced_comments: int = 20
    #: Posts at each size of the scale section (`--scale-sizes`), with requests timed one
    #: after another per figure there, seconds of each of its closed loops, and posts written
    #: while the split build's query service is down.
    scale_sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)
    scale_requests: int = 300
    scale_seconds: float = 10.0
    scale_outage_posts: int = 200

    @classmethod
    def smoke(cls) -> Settings:
        return cls(
            repeats=1,
            seconds=2,
            rates=(5,),
            idle_probes=2,
            saturation_seconds=2,
            sign_ins=2,
            round_trips=10,
            users=2,
            seed_posts=2,
            run_faults=False,
            traced_comments=2,
            scale_sizes=(300, 1_500),
            scale_requests=20,
            scale_seconds=1,
            scale_outage_posts=20,
        )

    def scale_settings(self) -> scale.ScaleSettings:
        return scale.ScaleSettings(
            sizes=self.scale_sizes,
            repeats=self.repeats,
            requests=self.scale_requests,
            seconds=self.scale_seconds,
            outage_posts=self.scale_outage_posts,
        )


def settle(build: Build, timeout: float = 120.0) -> None:
    """Waits until the build has worked off what earlier steps queued: a new post shows in
    the feed within half a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lag, _ = post_lag(build.population, "settle")
        if lag is not None and lag < 0.5:
            return
        time.sleep(1)
    progress(f"  {build.name} did not settle within {timeout:.0f} s; going on")


def measured_run(build: Build, rate: float, seconds: float, seed: int) -> dict:
    """Latency, errors and CPU per request of one run at a fixed rate."""
    with CpuMeter(leader_pids(build.target)) as cpu:
        result = run_at_rate(build.population, rate, seconds, seed=seed)
    summary = result.summary()
    answered = max(1, sum(s.ok for s in result.samples))
    summary["cpu_ms_per_request"] = round(cpu.stack_seconds * 1000 / answered, 3)
    summary["database_and_broker_cpu_ms_per_request"] = round(
        cpu.infrastructure_seconds * 1000 / answered, 3
    )
    return summary


def lag_under_load(build: Build, rate: float, seconds: float, seed: int) -> dict:
    """Lag probes while the same load runs again: a run of its own, as the probes' reads
    would otherwise count in the latency and CPU figures."""
    with ProbeDuringLoad(build.population) as probes:
        run_at_rate(build.population, rate, seconds, seed=seed)
    return {kind: lag_percentiles(lags) for kind, lags in probes.lags.items()}


def lag_percentiles(lags: list[float | None]) -> dict:
    seen = [lag for lag in lags if lag is not None]
    values = latency_ms(seen)
    return {
        "p50": values["p50"],
        "p99": values["p99"],
        "samples": len(lags),
        "unseen": len(lags) - len(seen),
    }


def saturate(build: Build, settings: Settings) -> dict:
    """The mix through the build's gateway, closed loop, until the build has worked it off."""
    settle(build)
    result = saturation.mix(
        build.population,
        build.gateway.base_url,
        seconds=settings.saturation_seconds,
        stack_pids=leader_pids(build.target),
        gateway_pids=[build.gateway.process.pid],
    )
    progress(
        f"    {build.name}: {result['rate']:.0f}/s answered, {result['error_rate']:.1%} errors, "
        f"settled {result['settle_seconds']:.1f} s after: {result['sustained_rate']:.0f}/s "
        f"sustained, {result['cpu_ms_per_request']:.1f} ms CPU per request"
    )
    return result


def posts_alone(build: Build, settings: Settings) -> dict:
    """`POST /posts` alone, closed loop, straight to the process that answers it."""
    settle(build)
    url = build.target.url_for("POST", "/posts").removesuffix("/posts")
    processes = getattr(build.target, "processes", None)
    by_process = (
        {label: p.pid for label, p in processes.items()} if isinstance(processes, dict) else None
    )
    result = saturation.posts_only(
        build.population,
        url,
        seconds=settings.saturation_seconds,
        pids=leader_pids(build.target),
        by_process=by_process,
    )
    progress(f"    {build.name}: POST /posts {result['rate']:.0f}/s, p50 {result['p50_ms']} ms")
    return result


def run(settings: Settings, options: argparse.Namespace, workdir: Path) -> dict:
    postgres = PostgresDatabases(options.postgres_url)
    builds: list[Build] = []
    ceiling_process = None
    try:
        builds = start_builds(workdir, postgres, options.redis_url)
        ceiling_process, ceiling_url = start_constant_view(workdir)
        ceiling = Population(Http(lambda method, path: f"{ceiling_url}{path}"))
        ceiling.tokens, ceiling.post_ids = ["none"], [1]  # what wrk's script sends; unread
        for build in builds:
            build.gateway = Gateway(build.target, build.target.workdir).start()
            build.population = Population(Http(build.target.url_for))
            progress(
                f"{build.name}: {settings.users} users and {settings.seed_posts} posts to begin"
            )
            build.population.prepare(
                settings.users, settings.seed_posts, feed_shows(build.population)
            )

        for build in builds:
            size = footprint(process_tree(leader_pids(build.target)))
            build.results["footprint"] = {"processes": size.processes, "memory_mb": size.memory_mb}
            progress(f"{build.name}: {size.processes} processes, {size.memory_mb:.0f} MB (PSS)")
            build.results["sign_in"] = sign_in_cost(
                build.population, settings.sign_ins, leader_pids(build.target)
            )
            progress(f"{build.name}: a sign-in {build.results['sign_in']}")

        idle: dict[str, list] = {b.name: [] for b in builds}
        fixed: dict[str, dict[float, list]] = {
            b.name: {r: [] for r in settings.rates} for b in builds
        }
        ceiling_fixed: dict[float, list] = {r: [] for r in settings.rates}
        sustained: dict[str, list] = {b.name: [] for b in builds}
        posts: dict[str, list] = {b.name: [] for b in builds}
        ceiling_sustained, ceiling_posts = [], []
        for repeat in range(settings.repeats):
            progress(f"repeat {repeat + 1} of {settings.repeats}")
            for build in builds:
                settle(build)
                lags = probe_idle(build.population, settings.idle_probes)
                idle[build.name].append({kind: lag_percentiles(v) for kind, v in lags.items()})
                progress(f"  {build.name}: idle lag {describe_lag(idle[build.name][-1])}")
            for rate in settings.rates:
                seed = repeat * 1000 + int(rate)
                ceiling_fixed[rate].append(
                    run_at_rate(
                        ceiling, rate, settings.seconds, mix={"constant": 1}, seed=seed
                    ).summary()
                )
                for build in builds:
                    settle(build)
                    summary = measured_run(build, rate, settings.seconds, seed)
                    settle(build)
                    summary["lag_ms"] = lag_under_load(build, rate, settings.seconds, seed + 1)
                    fixed[build.name][rate].append(summary)
                    progress(
                        f"  {build.name} at {rate:.0f}/s: write {pair(summary['write_ms'])} ms, "
                        f"read {pair(summary['read_ms'])} ms, errors {summary['error_rate']:.1%}, "
                        f"lag {describe_lag(summary['lag_ms'])}"
                    )
            progress("  the mix, closed loop (wrk, 8 connections), through each build's gateway")
            for build in builds:
                sustained[build.name].append(saturate(build, settings))
            ceiling_sustained.append(
                saturation.constant(ceiling_url, ceiling, settings.saturation_seconds)
            )
            progress(f"    ceiling: {ceiling_sustained[-1]['rate']:.0f}/s")
            progress("  POST /posts alone, closed loop, beside a bare DRF view")
            for build in builds:
                posts[build.name].append(posts_alone(build, settings))
            ceiling_posts.append(
                saturation.posts_only(
                    ceiling, ceiling_url, seconds=settings.saturation_seconds,
                    pids=[ceiling_process.pid],
                )
            )  # fmt: skip
            progress(f"    bare DRF view: POST {ceiling_posts[-1]['rate']:.0f}/s")
        progress("ceiling: Celery round trips")
        round_trip = celery_round_trip(workdir, options.redis_url, settings.round_trips)

        results = {
            "ceiling": {
                "fixed": {str(r): spread_tree(runs) for r, runs in ceiling_fixed.items()},
                "highest_sustained": {
                    "rate": spread(run["rate"] for run in ceiling_sustained),
                    "capped": False,
                    "runs": ceiling_sustained,
                },
                "posts_only": spread_tree(ceiling_posts),
                "celery_round_trip_ms": round_trip,
            },
            "builds": {},
        }
        for build in builds:
            name = build.name
            results["builds"][name] = {
                "footprint": build.results["footprint"],
                "idle_lag_ms": spread_tree(idle[name]),
                "fixed": {str(rate): spread_tree(runs) for rate, runs in fixed[name].items()},
                "sign_in": build.results["sign_in"],
                "highest_sustained": {
                    "rate": spread(run["sustained_rate"] for run in sustained[name]),
                    "capped": False,
                    "runs": sustained[name],
                },
                "saturation": spread_tree(sustained[name]),
                "posts_only": spread_tree(posts[name]),
            }
    finally:
        for build in builds:
            if build.gateway is not None:
                build.gateway.stop()
            build.target.stop()
        if ceiling_process is not None:
            ceiling_process.stop()
        postgres.drop_all()

    results["traces"] = traces.run(
        workdir,
        options.postgres_url,
        options.redis_url,
        comments=settings.traced_comments,
        rate=settings.rates[len(settings.rates) // 2],
        visible_in_feed=feed_shows,
        progress=progress,
    )
    if settings.run_faults:
        progress("faults: the fault tests, with what a user sees recorded")
        results["faults"] = faults.run(workdir, options.postgres_url, progress)
    else:
        results["faults"] = None
    results["scale"] = measure_scale(settings, options, workdir)
    results["code"] = code.measure()
    return results


def measure_scale(settings: Settings, options: argparse.Namespace, workdir: Path) -> dict:
    return scale.run(
        settings.scale_settings(),
        workdir=workdir,
        postgres_url=options.postgres_url,
        redis_url=options.redis_url,
        mode="smoke" if options.smoke else "full",
        progress=progress,
    )


def pair(latency: dict) -> str:
    return f"p50/p99 {latency['p50']}/{latency['p99']}"


def describe_lag(lags: dict) -> str:
    return ", ".join(f"{kind} p50/p99 {v['p50']}/{v['p99']} ms" for kind, v in lags.items())


def save(results: dict, out: Path) -> None:
    """results.json in `out`, and the page and plots written from it."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    report.write(results, out)


def remeasure_code(out: Path) -> None:
    """The code figures change with every commit, the others only with a bench run: this
    rewrites the first without the 20 minutes of the second, and says so on the page."""
    results = json.loads((out / "results.json").read_text())
    results["code"] = code.measure()
    results["meta"]["code_date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    save(results, out)
    progress(f"code figures in {out}")


def remeasure_faults(out: Path, postgres_url: str) -> None:
    """The fault tests again into results.json in `out`, the other figures kept: for a
    change that touches only how the builds heal, and says so on the page."""
    results = json.loads((out / "results.json").read_text())
    with tempfile.TemporaryDirectory(prefix="tandem-faults-") as tmp:
        results["faults"] = faults.run(Path(tmp), postgres_url, progress)
    results["meta"]["faults_date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    save(results, out)
    progress(f"fault figures in {out}")


def remeasure_scale(settings: Settings, options: argparse.Namespace) -> None:
    """The scale section again into results.json in --out, the other figures kept: it
    seeds and replays millions of rows, so it runs on its own as often as the rest."""
    out = options.out
    results = json.loads((out / "results.json").read_text())
    with tempfile.TemporaryDirectory(prefix="tandem-scale-") as tmp:
        results["scale"] = measure_scale(settings, options, Path(tmp))
    save(results, out)
    print(report.scale_table(results["scale"]))
    progress(f"scale figures in {out}")


def walk_road(results: dict, options: argparse.Namespace) -> None:
    """The road walked (tests/migration), its figures kept as road.json in --out and in
    results.json, and the page written again."""
    try:
        walked = road.walk(options.postgres_url, options.redis_url, progress)
    except road.RoadFailed as failed:
        raise SystemExit(str(failed)) from None
    results["road"] = walked
    road.keep(walked, options.out)
    save(results, options.out)
    print(road.render(walked))
    progress(f"road figures in {options.out}")


def sizes(text: str) -> tuple[int, ...]:
    found = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    if not found or min(found) <= scale.PAGE_SIZE:
        raise argparse.ArgumentTypeError(f"sizes above {scale.PAGE_SIZE} posts, comma-separated")
    return tuple(sorted(found))


def main() -> None:
    parser = argparse.ArgumentParser(description="Compare both builds on this machine.")
    parser.add_argument("--out", type=Path, default=Path("docs/comparison"))
    parser.add_argument("--smoke", action="store_true", help="a few seconds per step, no faults")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument(
        "--code-only",
        action="store_true",
        help="measure the code again into the results.json in --out; the other figures stay",
    )
    parser.add_argument(
        "--faults-only",
        action="store_true",
        help="run the fault tests again into the results.json in --out; the other figures stay",
    )
    parser.add_argument(
        "--scale-only",
        action="store_true",
        help="measure the scale section again into the results.json in --out; the rest stays",
    )
    parser.add_argument(
        "--road",
        action=argparse.BooleanOptionalAction,
        help="walk the road from the monolith to the split build last (tests/migration, some "
        "ten minutes); on for the full bench, off for --smoke",
    )
    parser.add_argument(
        "--road-only",
        action="store_true",
        help="walk the road again into the results.json and road.json in --out; the rest stays",
    )
    parser.add_argument(
        "--scale-sizes",
        type=sizes,
        metavar="N,N,...",
        help="posts at each size of the scale section (10000,100000,1000000; smoke 300,1500)",
    )
    options = parser.parse_args()
    if options.code_only:
        remeasure_code(options.out)
        return
    if options.faults_only:
        remeasure_faults(options.out, options.postgres_url)
        return
    if options.road_only:
        walk_road(json.loads((options.out / "results.json").read_text()), options)
        return
    settings = Settings.smoke() if options.smoke else Settings()
    if options.repeats:
        settings.repeats = options.repeats
    if options.seconds:
        settings.seconds = options.seconds
    if options.scale_sizes:
        settings.scale_sizes = options.scale_sizes
    if options.scale_only:
        remeasure_scale(settings, options)
        return

    started = time.time()
    with tempfile.TemporaryDirectory(prefix="tandem-compare-") as tmp:
        results = run(settings, options, Path(tmp))
    results["meta"] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "smoke" if options.smoke else "full",
        "minutes": round((time.time() - started) / 60, 1),
        "settings": settings.__dict__,
        "machine": {**machine(), "python": platform.python_version()},
    }
    # Written before the road is walked, so that a walk that fails loses none of the rest.
    save(results, options.out)
    print(report.table(results))
    print(report.scale_table(results["scale"]))
    progress(f"figures in {options.out}")
    if options.road if options.road is not None else not options.smoke:
        walk_road(results, options)


if __name__ == "__main__":
    sys.exit(main())
