"""HTTP client of the event bus's store, for relays, catch-up and the delivery metrics (never
on a request path)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

#: Ids per lookup: a request line of 50 UUIDs stays far below servers' 4 KiB limit.
LOOKUP_CHUNK = 50


class BusUnavailable(Exception):
    pass


def _get(path: str, params: dict, *, timeout: float = 5) -> dict:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    url = f"{settings.TANDEM_EVENT_BUS_URL.rstrip('/')}{path}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        if exc.code < 500:  # our request is wrong: retrying it will not help, so say so
            raise RuntimeError(f"the event bus refused {url[:200]}: {exc}") from exc
        raise BusUnavailable(f"{url[:200]}: {exc}") from exc
    except (OSError, ValueError) as exc:
        raise BusUnavailable(f"{url[:200]}: {exc}") from exc


def stored_ids(event_ids: list[str]) -> set[str]:
    """Which of these events the bus has stored (or parked as breaking the contract)."""
    stored: set[str] = set()
    for start in range(0, len(event_ids), LOOKUP_CHUNK):
        chunk = event_ids[start : start + LOOKUP_CHUNK]
        stored |= set(_get("/events/stored", {"ids": ",".join(chunk)})["stored"])
    return stored


def events_after(
    position: int, *, types: tuple[str, ...], limit: int, settled_seconds: float | None = None
) -> list[dict]:
    """Stored events after `position`, in store order: [{"seq", "stored_at", "event"}]."""
    params = {
        "after": position,
        "types": ",".join(types),
        "limit": limit,
        "settled": settled_seconds,
    }
    return _get("/events", params)["events"]


def tally(
    position: int,
    *,
    types: tuple[str, ...],
    settled_seconds: float | None = None,
    timeout: float = 5,
) -> tuple[int, int]:
    """(last position, how many) of the events `events_after` would return with no limit."""
    params = {"after": position, "types": ",".join(types), "settled": settled_seconds}
    found = _get("/events/tally", params, timeout=timeout)
    return found["upto"], found["count"]


def head(types: tuple[str, ...], *, timeout: float = 5) -> int:
    """The store's newest position among events of these types (0 if it has none)."""
    return _get("/events/head", {"types": ",".join(types)}, timeout=timeout)["head"]
