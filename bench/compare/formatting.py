"""How the bench's figures are written: a median with its min–max, a rate, a ratio."""

from __future__ import annotations

BUILDS = ("monolith", "split")


def median(value: dict | None):
    return None if value is None else value.get("median")


def fmt(value, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}{unit}"


def spread_text(value: dict | None, unit: str = "", digits: int = 0) -> str:
    """Median, then min–max of the repeats in brackets: "12 ms (10–15)"."""
    if value is None or value.get("median") is None:
        return "n/a"
    if value.get("runs", 1) <= 1 or value["min"] == value["max"]:
        return fmt(value["median"], unit, digits)
    low, high = fmt(value["min"], "", digits), fmt(value["max"], "", digits)
    return f"{fmt(value['median'], unit, digits)} ({low}–{high})"


def percentiles_text(latency: dict, keys: tuple[str, ...] = ("p50", "p90", "p99")) -> str:
    """Each percentile's spread, in order: "7.0 (6.5–7.6) / 12.1 (11.0–13.2) / 40.2"."""
    return " / ".join(spread_text(latency[key], digits=1) for key in keys)


def medians_text(latency: dict) -> str:
    """The medians of p50 and p99, for the printed table: "7.0/40.2"."""
    return "/".join(fmt(median(latency[key]), digits=1) for key in ("p50", "p99"))


def sustained_text(highest: dict) -> str:
    """The highest sustained rate; "≥" when the ladder ran out before the build failed."""
    rate = highest["rate"]
    text = spread_text(rate) if isinstance(rate, dict) else fmt(rate)
    return f"≥ {text}" if highest.get("capped") else text


def rates(results: dict) -> list[str]:
    return list(results["builds"]["monolith"]["fixed"])


def ratio(a, b) -> str:
    if a is None or b in (None, 0):
        return "n/a"
    return f"{a / b:.0%}"
