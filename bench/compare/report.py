"""Turns the bench's results into what people read: plots (PNG), the summary page
(docs/comparison/README.md, every number from results.json) and the table printed at the end."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from bench.compare import road  # noqa: E402
from bench.compare.formatting import (  # noqa: E402
    BUILDS,
    fmt,
    median,
    medians_text,
    rates,
    spread_text,
    sustained_text,
)
from bench.compare.summary import render  # noqa: E402

COLOURS = {"monolith": "#1f77b4", "split": "#d62728", "ceiling": "#7f7f7f"}


def save(figure, out: Path, name: str) -> str:
    """Writes the figure as out/name and returns the name, for the page to show it."""
    figure.tight_layout()
    figure.savefig(out / name, dpi=110)
    plt.close(figure)
    return name


def plot_latency(results: dict, out: Path) -> str:
    figure, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=False)
    xs = [float(r) for r in rates(results)]
    for axis, key, title in ((axes[0], "write_ms", "writes"), (axes[1], "read_ms", "feed reads")):
        series = {b: results["builds"][b]["fixed"] for b in BUILDS}
        series["ceiling"] = results["ceiling"]["fixed"]
        for name, fixed in series.items():
            if name == "ceiling" and key == "write_ms":
                continue
            for percentile, style in (("p50", "-o"), ("p99", "--^")):
                ys = [median(fixed[r][key][percentile]) for r in rates(results)]
                label = (
                    f"{name} {percentile}" if name != "ceiling" else f"constant view {percentile}"
                )
                axis.plot(xs, ys, style, color=COLOURS[name], label=label)
        axis.set_title(f"Latency of {title}")
        axis.set_xlabel("offered requests per second (mixed workload)")
        axis.set_ylabel("ms (median of repeats)")
        axis.set_yscale("log")
        axis.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    return save(figure, out, "latency.png")


def plot_lag(results: dict, out: Path) -> str:
    figure, axis = plt.subplots(figsize=(10, 4))
    labels, values = [], {b: [] for b in BUILDS}
    for kind in ("post", "comment"):
        labels.append(f"{kind}, idle")
        for build in BUILDS:
            values[build].append(median(results["builds"][build]["idle_lag_ms"][kind]["p99"]))
        for rate in rates(results):
            labels.append(f"{kind}, {float(rate):.0f}/s")
            for build in BUILDS:
                values[build].append(
                    median(results["builds"][build]["fixed"][rate]["lag_ms"][kind]["p99"])
                )
    width = 0.4
    for offset, build in enumerate(BUILDS):
        xs = [i + (offset - 0.5) * width for i in range(len(labels))]
        axis.bar(xs, [v or 0 for v in values[build]], width, label=build, color=COLOURS[build])
    axis.set_xticks(range(len(labels)), labels, rotation=20, fontsize=8)
    axis.set_ylabel("p99 ms until visible in the feed")
    axis.set_title("Write-to-visible lag (p99, median of repeats)")
    axis.legend()
    axis.grid(axis="y", alpha=0.3)
    return save(figure, out, "lag.png")


def plot_cost(results: dict, out: Path) -> str:
    figure, axes = plt.subplots(1, 3, figsize=(10, 3.5))
    builds = results["builds"]
    top = rates(results)[-1]
    panels = (
        ("processes", [builds[b]["footprint"]["processes"] for b in BUILDS]),
        ("memory, MB (PSS)", [builds[b]["footprint"]["memory_mb"] for b in BUILDS]),
        (
            f"CPU ms per request at {float(top):.0f}/s",
            [median(builds[b]["fixed"][top]["cpu_ms_per_request"]) or 0 for b in BUILDS],
        ),
    )
    for axis, (title, ys) in zip(axes, panels, strict=True):
        axis.bar(BUILDS, ys, color=[COLOURS[b] for b in BUILDS])
        axis.set_title(title, fontsize=10)
        axis.grid(axis="y", alpha=0.3)
    return save(figure, out, "cost.png")


SERVICE_COLOURS = {
    "monolith": COLOURS["monolith"],
    "comments": "#ff7f0e",
    "eventbus": "#7f7f7f",
    "moderation": "#2ca02c",
    "query": "#9467bd",
    "posts": "#8c564b",
    "users": "#e377c2",
}


def plot_traces(traces: dict, out: Path) -> str:
    """One comment's trace in each build, on one time axis: a bar per span of a process, a
    black mark per database query or Redis command inside it."""
    rows = {build: traces[build]["example"] for build in BUILDS}
    figure, axes = plt.subplots(
        2,
        1,
        figsize=(10, 1.2 + 0.32 * sum(len(r) + 1 for r in rows.values())),
        sharex=True,
        gridspec_kw={"height_ratios": [len(rows[b]) + 1 for b in BUILDS]},
    )
    for axis, build in zip(axes, BUILDS, strict=True):
        spans = rows[build]
        for y, span in enumerate(spans):
            colour = SERVICE_COLOURS.get(span["service"], "#17becf")
            axis.barh(y, max(span["duration_ms"], 0.3), left=span["start_ms"], color=colour)
            for start, duration in span["calls"]:
                axis.barh(y, max(duration, 0.15), left=start, height=0.35, color="black")
        axis.set_yticks(
            range(len(spans)), [f"{s['service']}: {s['name'][:44]}" for s in spans], fontsize=7
        )
        axis.invert_yaxis()
        total = max(span["start_ms"] + span["duration_ms"] for span in spans)
        axis.set_title(f"{build}: one comment, {total:.0f} ms", fontsize=10)
        axis.grid(axis="x", alpha=0.3)
    axes[-1].set_xlabel("ms since the request arrived (black: a database query or Redis command)")
    return save(figure, out, "trace.png")


def plot_scale(scale: dict, out: Path) -> str:
    """Cost against the number of posts: the first page's and the deep page's p50, and the
    first page's highest rate, in both builds."""
    figure, axes = plt.subplots(1, 3, figsize=(11, 3.6))
    sizes = scale["sizes"]
    panels = (
        ("first feed page, p50 ms", "first_page", lambda read: read["latency_ms"]["p50"]),
        ("deep feed page, p50 ms", "deep_page", lambda read: read["latency_ms"]["p50"]),
        ("first feed page, highest rate /s", "first_page", lambda read: read["rate"]),
    )
    for axis, (title, read, figure_of) in zip(axes, panels, strict=True):
        for build in BUILDS:
            runs = [scale["runs"][str(size)]["builds"][build][read] for size in sizes]
            ys = [median(figure_of(measured)) for measured in runs]
            axis.plot(sizes, ys, "-o", color=COLOURS[build], label=build)
        axis.set_xscale("log")
        axis.set_xticks(sizes, [posts_label(size) for size in sizes])
        axis.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        axis.set_ylim(bottom=0)
        axis.set_title(title, fontsize=10)
        axis.set_xlabel("posts")
        axis.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    return save(figure, out, "scale.png")


def posts_label(posts: int) -> str:
    """1,000,000 as "1M", 1,500 as "1.5k"."""
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if posts >= size:
            return f"{posts / size:g}{unit}"
    return str(posts)


def write(results: dict, out: Path) -> None:
    plots = [plot_latency(results, out), plot_lag(results, out), plot_cost(results, out)]
    traces = results.get("traces")
    if traces:
        plots.append(plot_traces(traces, out))
    if results.get("scale"):
        plots.append(plot_scale(results["scale"], out))
    kept_road = None if results.get("road") else road.kept(out)
    (out / "README.md").write_text(render(results, plots, kept_road))


def scale_table(scale: dict) -> str:
    """The plain-text table printed when the scale section ends."""
    lines = [f"{'posts':>10}  {'build':9}" + "".join(f"{h:>22}" for h in SCALE_COLUMNS)]
    for size in scale["sizes"]:
        run = scale["runs"][str(size)]
        for build in BUILDS:
            measured = run["builds"][build]
            cells = [medians_text(measured[read]["latency_ms"]) for read in SCALE_READS]
            cells += [fmt(median(measured[read]["rate"])) for read in SCALE_READS[:-1]]
            rebuild = measured.get("rebuild")
            cells.append(f"{fmt(rebuild['rate'])}/s" if rebuild else "")
            lines.append(f"{size:>10,}  {build:9}" + "".join(f"{c:>22}" for c in cells))
    return "\n".join(lines)


SCALE_READS = ("first_page", "deep_page", "comments", "write")
SCALE_COLUMNS = (
    *(f"{read} p50/p99 ms" for read in SCALE_READS),
    *(f"{read} /s" for read in SCALE_READS[:-1]),
    "rebuild",
)


def table(results: dict) -> str:
    """The plain-text table printed when the bench ends."""
    builds = results["builds"]
    lines = [f"{'':34}{'monolith':>20}{'split':>20}{'ceiling':>20}"]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"{label:34}" + "".join(f"{v:>20}" for v in values))

    for rate in rates(results):
        for key, label in (("write_ms", "write"), ("read_ms", "read")):
            for percentile in ("p50", "p99"):
                row(
                    f"{label} {percentile} ms at {float(rate):.0f}/s",
                    [
                        spread_text(builds[b]["fixed"][rate][key][percentile], digits=1)
                        for b in BUILDS
                    ]
                    + [
                        spread_text(results["ceiling"]["fixed"][rate][key][percentile], digits=1)
                        if key == "read_ms"
                        else ""
                    ],
                )
        for kind in ("post", "comment"):
            row(
                f"{kind} lag p50/p99 ms at {float(rate):.0f}/s",
                [medians_text(builds[b]["fixed"][rate]["lag_ms"][kind]) for b in BUILDS] + [""],
            )
    for kind in ("post", "comment"):
        row(
            f"{kind} lag p50/p99 ms idle",
            [medians_text(builds[b]["idle_lag_ms"][kind]) for b in BUILDS] + [""],
        )
    row(
        "highest sustained rate /s",
        [sustained_text(builds[b]["highest_sustained"]) for b in BUILDS]
        + [sustained_text(results["ceiling"]["highest_sustained"])],
    )
    top = rates(results)[-1]
    row(
        f"CPU ms per request at {float(top):.0f}/s",
        [spread_text(builds[b]["fixed"][top]["cpu_ms_per_request"], digits=2) for b in BUILDS]
        + [""],
    )
    row("processes", [str(builds[b]["footprint"]["processes"]) for b in BUILDS] + [""])
    row("memory MB (PSS)", [fmt(builds[b]["footprint"]["memory_mb"]) for b in BUILDS] + [""])
    trip = results["ceiling"]["celery_round_trip_ms"]
    row(
        "Celery round trip p50/p99 ms",
        ["", "", f"{fmt(trip['p50'], digits=1)}/{fmt(trip['p99'], digits=1)}"],
    )
    totals = results["code"]["totals"]
    row(
        "lines of code (own / shared)",
        [
            f"{totals['monolith']['lines']} / {totals['shared']['lines']}",
            f"{totals['split']['lines']} / {totals['shared']['lines']}",
            "",
        ],
    )
    return "\n".join(lines)
