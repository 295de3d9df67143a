"""The summary page, docs/comparison/README.md: every number on it comes from results.json of
the same run, including the ones in "When to choose which"."""

from __future__ import annotations

from bench.compare import road
from bench.compare.formatting import (
    BUILDS,
    fmt,
    median,
    medians_text,
    percentiles_text,
    rates,
    ratio,
    spread_text,
    sustained_text,
)
from bench.compare.targets import SCALE_TARGETS, TARGETS, judged, value_text


def render(results: dict, plots: list[str], kept_road: dict | None = None) -> str:
    """The page; `kept_road`, the last walk's figures kept beside it, shows where the road
    was not walked in this run."""
    meta, ceiling = results["meta"], results["ceiling"]
    machine = meta["machine"]
    parts = [
        "# The two builds, measured",
        "",
        "<!-- Written by `make bench` (python -m bench.compare) from results.json beside it. "
        "Do not edit: run it again. -->",
        "",
        f"Run on {meta['date']}, {meta['mode']} mode, in {meta['minutes']} minutes, on "
        f"{machine['cores']} cores ({machine['cpu'] or 'unknown CPU'}), {machine['memory_gb']} GB, "
        f"Linux {machine['kernel']}, Python {machine['python']}. Both builds ran on the machine's "
        "PostgreSQL (the split build with a database per service) and Redis. The monolith is "
        "served by gunicorn with 2 workers × 4 threads, each split service by one web process "
        "of 8 threads and, where it consumes events, one Celery worker of 4 threads "
        "(microservices/stack.toml). Each figure is the median of "
        f"{meta['settings']['repeats']} repeats, with min–max in brackets. The load generators "
        "run on the same machine and take their share of the same cores; their own CPU is "
        "reported apart.",
        "",
        "The workload mixes what users do: 1% sign-ups, 20% posts, 25% comments (a fifth of them "
        "with a blocked word) and 54% feed reads. For latency it is offered open-loop at fixed "
        "rates by a Python generator: a request is sent when its time comes, and its latency "
        'counts from then; a request that fails or takes over 5 s is an error. "Write" '
        "latency is posts and comments; sign-ups are shown apart, and a sign-in's cost is "
        "measured on its own, as checking a password (argon2) is slow on purpose. Lag is the "
        "time from a write's answer until the feed shows it (a post) or shows its final "
        "moderation status (a comment), read back to back, measured in a second run at the "
        "same rate so that the probes' reads do not count in the latency and CPU figures. "
        "Capacity is found closed-loop with wrk (8 connections), through the same nginx "
        "gateway in front of each build.",
        "",
        "## Targets",
        "",
        targets_table(results),
        "",
        *[f"![{name}]({name})" for name in plots if name not in (TRACE_PLOT, SCALE_PLOT)],
        "",
        "## Latency and throughput",
        "",
        latency_table(results),
        "",
        "## Capacity",
        "",
        saturation_table(results),
        "",
        posts_table(results),
        "",
        sign_in_text(results),
        "",
        "## Write-to-visible lag",
        "",
        lag_table(results),
        "",
        f"One Celery task round trip on the same Redis (send, run, result back) takes "
        f"{fmt(ceiling['celery_round_trip_ms']['p50'], ' ms', 1)} at p50 and "
        f"{fmt(ceiling['celery_round_trip_ms']['p99'], ' ms', 1)} at p99: the floor under each hop "
        "of the split build (a post takes one hop through the bus to the query service; a comment "
        "takes comments → bus → moderation → bus → comments → bus → query).",
        "",
        *traces_section(results.get("traces"), TRACE_PLOT if TRACE_PLOT in plots else None),
        "## What it costs the machine",
        "",
        cost_table(results),
        "",
        *scale_section(results, SCALE_PLOT if SCALE_PLOT in plots else None),
        *road.section(results.get("road"), kept_road),
        "## Under faults",
        "",
        *(
            [f"Run again on {results['meta']['faults_date']} (`--faults-only`).", ""]
            if results["meta"].get("faults_date")
            else []
        ),
        faults_section(results.get("faults")),
        "",
        "## Code",
        "",
        *(
            [f"Measured on the code of {results['meta']['code_date']} (`--code-only`).", ""]
            if results["meta"].get("code_date")
            else []
        ),
        code_section(results["code"]),
        "",
        "## When to choose which",
        "",
        choose(results),
        "",
    ]
    return "\n".join(parts)


TRACE_PLOT = "trace.png"
SCALE_PLOT = "scale.png"


def traces_section(traces: dict | None, plot: str | None) -> list[str]:
    """Where one comment's time goes, hop by hop, from the spans of real requests."""
    if not traces:
        return []
    some = traces[BUILDS[0]]
    rate = some["load"]["rate"]
    parts = [
        "## One comment, traced",
        "",
        f"Both builds ran again with traces on (OpenTelemetry's defaults, every span sent to an "
        f"OTLP receiver in the bench's process), for {some['idle']['traces']} comments written "
        f"one a second, at idle and while the mix ran at {rate:.0f} requests a second. The "
        "picture is the idle comment with the median total; the tables cut every comment's "
        "trace into its hops along the way to its final status: how long each message waited "
        "in Redis before a worker took it, and how long that worker ran. These times include "
        "what tracing itself costs ([operating.md](../operating.md#what-it-costs)), which "
        "grows with the number of spans: every other figure on this page is measured with "
        "traces off.",
        "",
        *([f"![{plot}]({plot})", ""] if plot else []),
    ]
    for build in BUILDS:
        measured = traces[build]
        idle, load = measured["idle"], measured["load"]
        parts += [
            f"**{build}** (p50 over {idle['same_path']} comments idle, {load['same_path']} "
            f"under load; ms):",
            "",
            f"| hop | idle: waits | idle: runs | at {rate:.0f}/s: waits | at {rate:.0f}/s: runs |",
            "|---|---|---|---|---|",
        ]
        for still, busy in zip(idle["hops"], load["hops"], strict=False):
            cells = [
                fmt(hop[key]["p50"], digits=1) if hop[key]["p50"] else ""
                for hop in (still, busy)
                for key in ("wait_ms", "run_ms")
            ]
            parts.append(f"| {still['hop'].strip()} | {' | '.join(cells)} |")
        parts += [
            f"| **request to final status** | | {fmt(idle['total_ms']['p50'], digits=1)} | | "
            f"{fmt(load['total_ms']['p50'], digits=1)} |",
            "",
        ]
    return parts


def targets_rows(results: dict, targets=(*TARGETS, *SCALE_TARGETS)) -> str:
    rows = ["| target | bound | this run | met |", "|---|---|---|---|"]
    for target in judged(results, targets):
        met = {True: "yes", False: "**no**", None: "n/a"}[target["met"]]
        bound = value_text(target["bound"], target["unit"])
        value = value_text(target["value"], target["unit"])
        rows.append(f"| {target['name']} | {target['sense']} {bound} | {value} | {met} |")
    return "\n".join(rows)


def targets_table(results: dict) -> str:
    return targets_rows(results) + (
        "\n\nRatios are of figures measured side by side in this run. Where a target is not "
        'met, "Where the split build\'s CPU goes" below shows what its processes spend. The '
        'targets on the size of the data are read off "Cost against the size of the data", '
        "n/a where that section did not run at 10,000 and 1,000,000 posts."
    )


def saturation_table(results: dict) -> str:
    builds, ceiling = results["builds"], results["ceiling"]
    rows = [
        "| build | answered /s | errors | p50 / p99 ms | settled after | sustained /s "
        "| CPU per request: build / PostgreSQL and Redis / gateway / wrk |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in BUILDS:
        run = builds[name].get("saturation")
        if run is None:
            continue
        errors = median(run["error_rate"])
        cpu = " / ".join(
            spread_text(run[key], " ms", 2)
            for key in (
                "cpu_ms_per_request",
                "database_and_broker_cpu_ms_per_request",
                "gateway_cpu_ms_per_request",
                "generator_cpu_ms_per_request",
            )
        )
        rows.append(
            f"| {name} | {spread_text(run['rate'])} | "
            f"{fmt(None if errors is None else errors * 100, '%', 2)} | "
            f"{spread_text(run['p50_ms'], digits=1)} / {spread_text(run['p99_ms'], digits=1)} | "
            f"{spread_text(run['settle_seconds'], ' s', 1)} | "
            f"{spread_text(run['sustained_rate'])} | {cpu} |"
        )
    rows.append(
        f"| constant view (ceiling) | {sustained_text(ceiling['highest_sustained'])} | | | | | |"
    )
    return "\n".join(rows) + (
        "\n\nThe mix, closed loop: each of wrk's 8 connections sends its next request when the "
        "last is answered, for the run's seconds. The split build answers writes before its "
        "consumers have worked them off, so after the run a new post is written and the feed "
        'read until it shows: "sustained" counts that time too (answered / (run + settled)). '
        "The ceiling is a bare DRF view returning a constant under the monolith's server "
        "settings, read by the same wrk without a gateway: no build answers faster."
    )


def posts_table(results: dict) -> str:
    builds, ceiling = results["builds"], results["ceiling"]
    rows = [
        "| `POST /posts` alone, wrk, 8 connections | answered /s | p50 / p99 ms "
        "| CPU per request |",
        "|---|---|---|---|",
    ]
    for label, run in (
        ("bare DRF view (parses the body, answers 201)", ceiling.get("posts_only")),
        ("monolith", builds["monolith"].get("posts_only")),
        ("split (the posts service, and all its events cause)", builds["split"].get("posts_only")),
    ):
        if run is None:
            continue
        rows.append(
            f"| {label} | {spread_text(run['rate'])} | {spread_text(run['p50_ms'], digits=1)} / "
            f"{spread_text(run['p99_ms'], digits=1)} | "
            f"{spread_text(run['cpu_ms_per_request'], ' ms', 2)} |"
        )
    text = "\n".join(rows) + (
        "\n\nStraight to the process that answers `POST /posts`, no gateway. The split build's "
        "CPU counts every process of the stack, so it includes storing each post at the bus "
        "and applying it in the query and comments services."
    )
    split = builds["split"].get("posts_only") or {}
    spent = {name: median(v) for name, v in split.get("cpu_ms_by_process", {}).items()}
    if spent:
        text += (
            "\n\n### Where the split build's CPU goes\n\nCPU per `POST /posts` of each "
            "process of the split build, in the run above (medians of the repeats):\n\n"
            "| process | CPU per post |\n|---|---|\n"
            + "\n".join(
                f"| {name} | {fmt(ms, ' ms', 2)} |"
                for name, ms in sorted(spent.items(), key=lambda kv: -(kv[1] or 0))
                if (ms or 0) >= 0.05
            )
            + "\n\nWhat a worker's figure is made of (its handler, and the per-message work of "
            "Celery and kombu on Redis around it), and what was tried to make it smaller: "
            "[decision 17](../decisions/0017-one-process-per-part-with-threads.md)."
        )
    return text


def sign_in_text(results: dict) -> str:
    parts = []
    for name in BUILDS:
        sign_in = results["builds"][name].get("sign_in")
        if sign_in:
            parts.append(
                f"{name} {fmt(sign_in['latency_ms']['p50'], ' ms', 1)} at p50 and "
                f"{fmt(sign_in['cpu_ms'], ' ms', 1)} of CPU"
            )
    if not parts:
        return ""
    return "A sign-in, one at a time, idle: " + "; ".join(parts) + "."


def latency_table(results: dict) -> str:
    builds, ceiling = results["builds"], results["ceiling"]
    rows = [
        "| offered /s | build | answered /s | errors "
        "| write p50 / p90 / p99 ms | read p50 / p90 / p99 ms | sign-up p50 / p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for rate in rates(results):
        for name in (*BUILDS, "ceiling"):
            fixed = ceiling["fixed"][rate] if name == "ceiling" else builds[name]["fixed"][rate]
            writes = percentiles_text(fixed["write_ms"]) if name != "ceiling" else "–"
            reads = percentiles_text(fixed["read_ms"])
            signups = (
                percentiles_text(fixed["signup_ms"], ("p50", "p99")) if name != "ceiling" else "–"
            )
            label = "constant view" if name == "ceiling" else name
            errors = median(fixed["error_rate"])
            answered = spread_text(fixed["achieved_rate"], digits=1)
            rows.append(
                f"| {float(rate):.0f} | {label} | {answered} | "
                f"{fmt(None if errors is None else errors * 100, '%', 2)} | {writes} | {reads} "
                f"| {signups} |"
            )
    return "\n".join(rows)


def lag_table(results: dict) -> str:
    builds = results["builds"]
    rows = [
        "| when | build | post p50 / p99 ms "
        "| comment (final status) p50 / p99 ms | not seen in 10 s |",
        "|---|---|---|---|---|",
    ]

    def add(label: str, name: str, lags: dict) -> None:
        unseen = sum(median(lags[k]["unseen"]) or 0 for k in ("post", "comment"))
        post, comment = (
            percentiles_text(lags[kind], ("p50", "p99")) for kind in ("post", "comment")
        )
        rows.append(f"| {label} | {name} | {post} | {comment} | {fmt(unseen)} |")

    for name in BUILDS:
        add("idle", name, builds[name]["idle_lag_ms"])
    for rate in rates(results):
        for name in BUILDS:
            add(f"at {float(rate):.0f}/s", name, builds[name]["fixed"][rate]["lag_ms"])
    return "\n".join(rows)


def cost_table(results: dict) -> str:
    builds = results["builds"]
    rows = [
        "| build | processes | memory (PSS) | CPU per request, the build "
        "| CPU per request, PostgreSQL and Redis |",
        "|---|---|---|---|---|",
    ]
    top = rates(results)[-1]
    for name in BUILDS:
        fixed = builds[name]["fixed"][top]
        rows.append(
            f"| {name} | {builds[name]['footprint']['processes']} | "
            f"{fmt(builds[name]['footprint']['memory_mb'], ' MB')} | "
            f"{spread_text(fixed['cpu_ms_per_request'], ' ms', 2)} | "
            f"{spread_text(fixed['database_and_broker_cpu_ms_per_request'], ' ms', 2)} |"
        )
    return "\n".join(rows) + (
        f"\n\nCPU per request is measured at {float(top):.0f} requests/s of the mixed workload: "
        "CPU seconds of every process of the build (web, workers, bus), divided by the "
        "requests answered. Memory is counted idle, after start-up, and does not include "
        "PostgreSQL or Redis."
    )


def scale_section(results: dict, plot: str | None) -> list[str]:
    """Cost against the size of the data: every figure of the scale section, each size's
    row of both builds, and the targets it is held to."""
    scale = results.get("scale")
    if not scale:
        return []
    settings, machine, sizes = scale["settings"], scale["machine"], scale["sizes"]
    some = scale["runs"][str(sizes[-1])]
    return [
        "## Cost against the size of the data",
        "",
        f"Run on {scale['date']}, {scale['mode']} mode, in {scale['minutes']} minutes, on "
        f"{machine['cores']} cores and {machine['memory_gb']} GB (`make bench-scale` runs it "
        "alone). At each size both builds started on new, empty PostgreSQL databases and were "
        "filled with bulk SQL, not through the API (`bench/compare/seed.py`): "
        f"{some['comments'] / some['posts']:.2f} comments per post, as in the mix, one user per "
        "100 posts (at least 10), a post every 3 s back from the run, each comment after its "
        "post, one comment in five rejected by moderation. The split build got every "
        "service's own rows and the event bus's store with every event it would have stored, "
        "in order; its query service's read model was then built from that store as an "
        "operator rebuilds one: the service stopped, its database wiped and migrated, "
        "`catchup` run.",
        "",
        "Each latency is the p50 / p99 of "
        f"{settings['requests']} requests sent one after another; each rate the most wrk "
        f"answered with 8 connections in {settings['seconds']:.0f} s, straight to the process "
        "that answers the path (no gateway); CPU is per request, the build's own and "
        "PostgreSQL's with Redis's. The first page is `GET /posts?page_size=20`; the deep page "
        "the page a client reaches with a `next` cursor half a million posts back (at fewer "
        "posts, the last full page); the comments are those of the post at that cursor. "
        + (f"Medians of {settings['repeats']} repeats." if settings["repeats"] > 1 else "One run."),
        "",
        targets_rows(results, SCALE_TARGETS),
        "",
        *([f"![{plot}]({plot})", ""] if plot else []),
        scale_reads_table(scale),
        "",
        scale_cpu_table(scale),
        "",
        scale_split_table(scale),
        "",
    ]


READS = (("first_page", "first page"), ("deep_page", "deep page"), ("comments", "comments"))


def scale_reads_table(scale: dict) -> str:
    rows = [
        "| posts | build | "
        + " | ".join(f"{label} p50 / p99 ms" for _, label in READS)
        + " | `POST /posts` p50 / p99 ms | "
        + " | ".join(f"{label} /s" for _, label in READS)
        + " |",
        "|---|---|" + "---|" * (2 * len(READS) + 1),
    ]
    for size in scale["sizes"]:
        builds = scale["runs"][str(size)]["builds"]
        for name in BUILDS:
            measured = builds[name]
            latencies = [medians_text(measured[read]["latency_ms"]) for read, _ in READS]
            latencies.append(medians_text(measured["write"]["latency_ms"]))
            answered = [fmt(median(measured[read]["rate"])) for read, _ in READS]
            rows.append(f"| {size:,} | {name} | {' | '.join(latencies + answered)} |")
    return "\n".join(rows)


def scale_cpu_table(scale: dict) -> str:
    rows = [
        "| posts | build | "
        + " | ".join(f"CPU per {label}: build / PostgreSQL and Redis" for _, label in READS)
        + " |",
        "|---|---|" + "---|" * len(READS),
    ]
    for size in scale["sizes"]:
        builds = scale["runs"][str(size)]["builds"]
        for name in BUILDS:
            cells = [
                f"{fmt(median(builds[name][read]['cpu_ms_per_request']), ' ms', 2)} / "
                f"{fmt(median(builds[name][read]['database_cpu_ms_per_request']), ' ms', 2)}"
                for read, _ in READS
            ]
            rows.append(f"| {size:,} | {name} | {' | '.join(cells)} |")
    return "\n".join(rows) + (
        "\n\nCPU is measured during the closed-loop runs above: every process of the build, "
        "and the machine's PostgreSQL and Redis, divided by the requests answered."
    )


def scale_split_table(scale: dict) -> str:
    rows = [
        "| posts | comments / users | seeded in: monolith / split | databases: monolith / split "
        "(the store) | split: events stored | query service rebuilt: events applied, seconds, "
        "events/s | split: posts written while the query service was down, all in the feed "
        "after (of which its start) |",
        "|---|---|---|---|---|---|---|",
    ]
    for size in scale["sizes"]:
        run = scale["runs"][str(size)]
        seeded, megabytes = run["seed_seconds"], run["database_mb"]
        rebuild, outage = run["builds"]["split"]["rebuild"], run["builds"]["split"]["catch_up"]
        rows.append(
            f"| {size:,} | {run['comments']:,} / {run['users']:,} | "
            f"{fmt(seeded['monolith'], ' s', 1)} / {fmt(seeded['split'], ' s', 1)} | "
            f"{fmt(megabytes['monolith'], ' MB')} / {fmt(megabytes['split'], ' MB')} "
            f"({fmt(megabytes['split_store'], ' MB')}) | {run['events']:,} | "
            f"{rebuild['events']:,}, {fmt(rebuild['seconds'], ' s', 1)}, "
            f"{fmt(rebuild['rate'])}/s | {outage['posts']}: {fmt(outage['seconds'], ' s', 1)} "
            f"({fmt(outage['start_seconds'], ' s', 1)}) |"
        )
    return "\n".join(rows) + (
        "\n\nSeeding counts the inserts and the `VACUUM (ANALYZE)` after them. The rebuild's "
        "seconds are the `catchup` command's, start-up included; it applies only the events "
        "the query service consumes. The outage's seconds run from starting the query service "
        "until the first feed page shows the last post written while it was down."
    )


def faults_section(faults: list[dict] | None) -> str:
    if not faults:
        return "Not run in this mode (`make bench` runs them)."
    rows = [
        "| fault | build | while it lasts | after it heals | lost / doubled |",
        "|---|---|---|---|---|",
    ]
    for fault in faults:
        rows.append(
            f"| {fault['fault']} | {fault['build']} | {fault['during']} | {fault['after']} | "
            f"{fault['lost']} / {fault['doubled']} |"
        )
    return "\n".join(rows) + (
        "\n\nEach row is one fault test (`tests/faults/`), run as part of this bench, with what "
        "its user saw recorded as it ran; a test fails if anything is lost or doubled."
    )


def files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def code_section(code: dict) -> str:
    rows = [
        "| feature | monolith | split | shared (`common/`) |",
        "|---|---|---|---|",
    ]
    for feature, parts in code["per_feature"].items():
        cells = [
            f"{parts[p]['lines']} lines, {files(parts[p]['files'])}" if parts[p]["files"] else "–"
            for p in ("monolith", "split", "shared")
        ]
        rows.append(f"| {feature} | {' | '.join(cells)} |")
    totals = code["totals"]
    rows.append(
        f"| **total** | {totals['monolith']['lines']} lines, {totals['monolith']['files']} files | "
        f"{totals['split']['lines']} lines, {totals['split']['files']} files | "
        f"{totals['shared']['lines']} lines, {totals['shared']['files']} files |"
    )
    change = code["add_body_to_posts"]

    def listed(part: str) -> str:
        files = change[part]["files"]
        return f"{len(files)} files ({', '.join(f'`{name}`' for name in files)})"

    migrations = {p: len(change[p]["models_needing_a_migration"]) for p in ("monolith", "split")}
    lines = [
        "\n".join(rows),
        "",
        "Lines are Python (and `stack.toml`) lines that are not blank or comments; migrations "
        "are not counted. Shared code is counted under the feature whose package holds it "
        "(`common/<feature>/`). Code only one build has: "
        f"{len(code['only_in_monolith'])} files in the monolith, "
        f"{len(code['only_in_split'])} in the split build.",
        "",
        "**One example change, adding a `body` to posts**: the files whose code names the "
        "post's `title` field, which that change would edit the same way.",
        "",
        f"- monolith: {listed('monolith')}, {migrations['monolith']} migration;",
        f"- split: {listed('split')}, {migrations['split']} migrations (the posts service's "
        "table and the query service's copy), and a new version of the `PostCreated` event;",
        f"- shared by both: {listed('shared')}.",
    ]
    return "\n".join(lines)


def choose(results: dict) -> str:
    builds, ceiling = results["builds"], results["ceiling"]
    top = rates(results)[-1]
    mono, split = builds["monolith"], builds["split"]
    mono_max = median(mono["highest_sustained"]["rate"])
    split_max = median(split["highest_sustained"]["rate"])
    write = {b: median(builds[b]["fixed"][top]["write_ms"]["p50"]) for b in BUILDS}
    cpu = {b: median(builds[b]["fixed"][top]["cpu_ms_per_request"]) for b in BUILDS}
    size = {b: builds[b]["footprint"] for b in BUILDS}
    post_lag = median(split["idle_lag_ms"]["post"]["p99"])
    comment_lag = median(split["idle_lag_ms"]["comment"]["p99"])
    builds_code = results["code"]["totals"]
    rate = f"{float(top):.0f}/s"
    capacity = (
        "On one machine the split build buys no throughput: each hop is work the monolith "
        "does not do."
        if (split_max or 0) <= (mono_max or 0)
        else "Here the split build sustained more: its processes spread the work over more "
        "workers than the monolith's two."
    )
    lines = [
        f"- **Capacity.** The monolith sustained {sustained_text(mono['highest_sustained'])} "
        f"requests/s of the mix and the split build {sustained_text(split['highest_sustained'])} "
        f"({ratio(split_max, mono_max)} of the monolith), against "
        f"{sustained_text(ceiling['highest_sustained'])} for the constant view. At {rate} the "
        f"split build spends {fmt(cpu['split'], ' ms', 2)} of CPU per request against "
        f"{fmt(cpu['monolith'], ' ms', 2)}, and runs {size['split']['processes']} processes in "
        f"{fmt(size['split']['memory_mb'], ' MB')} against {size['monolith']['processes']} in "
        f"{fmt(size['monolith']['memory_mb'], ' MB')}. {capacity}",
        f"- **What users see.** At {rate} a write answers in {fmt(write['monolith'], ' ms', 1)} "
        f"(monolith) and {fmt(write['split'], ' ms', 1)} (split) at p50. A monolith write is in "
        "the feed when it returns. In the split build a post takes up to "
        f"{fmt(post_lag, ' ms')} (idle p99) to show, and a comment shows `pending` for up to "
        f"{fmt(comment_lag, ' ms')} before its final status. Choose the split build only where "
        "that window is acceptable, and build the client for it: `pending` is part of the API.",
        "- **Faults.** In the monolith a part that is down is the whole application down. In "
        "the split build it takes one feature: comments wait `pending` while moderation is "
        "down, the feed goes stale while the query worker is. The rest keeps answering, and "
        "the table above shows nothing lost or doubled once it heals. That isolation is the "
        "split build's real gain; the outbox, relays, inboxes and catch-up are its price.",
        f"- **Code.** The split build has {builds_code['split']['lines']} lines of its own "
        f"against the monolith's {builds_code['monolith']['lines']}, beside "
        f"{builds_code['shared']['lines']} shared. The difference is event delivery and "
        "per-service wiring, and a new field crosses services and an event version.",
        "- **So:** start with the monolith. Split a service out when a part must fail, deploy "
        "or scale on its own and its users can live with the lag above; not for speed.",
    ]
    return "\n".join(lines)
