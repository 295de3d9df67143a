"""HTTP client of the event bus's store, for relays and catch-up (never on a request path)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from django.conf import settings


class BusUnavailable(Exception):
    pass


def _get(path: str, params: dict) -> dict:
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    url = f"{settings.TANDEM_EVENT_BUS_URL.rstrip('/')}{path}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response)
    except (OSError, ValueError) as exc:
        raise BusUnavailable(f"{url}: {exc}") from exc


def stored_ids(event_ids: list[str]) -> set[str]:
    """Which of these events the bus has stored."""
    if not event_ids:
        return set()
    return set(_get("/events/stored", {"ids": ",".join(event_ids)})["stored"])


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
