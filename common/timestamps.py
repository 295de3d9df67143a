"""How Tandem writes a moment in time, in API bodies and in events alike: ISO 8601 in UTC with
microseconds and a `Z`, so two moments compare the same as text and as time."""

from datetime import datetime


def timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")
