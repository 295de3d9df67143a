"""The event contract as files others can read and test against, written from the payload
classes: a JSON Schema per event type and version, and an AsyncAPI 3.0 document (JSON) of
the queues that carry them.

    python -m common.events.documents docs/contract     # writes them
    python -m common.events.documents docs/contract --check

`make test` checks that the committed files are current.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from common.events.contract import ROUTES, envelope_schema, subscriptions
from common.events.delivery import BUS_QUEUE, INGEST_TASK, consumer_task, queue_of
from common.events.payload import Payload
from common.settings import SPECTACULAR_SETTINGS


def schema_file(payload: type[Payload]) -> str:
    return f"events/{payload.TYPE}.v{payload.VERSION}.json"


def asyncapi(version: str) -> dict:
    """AsyncAPI 3.0: the bus's queue, each consumer's queue, and who sends and receives what."""
    consumers = sorted({service for services in ROUTES.values() for service in services})
    messages = {
        payload.TYPE: {
            "name": payload.TYPE,
            "title": f"{payload.TYPE} v{payload.VERSION}",
            "summary": (payload.__doc__ or "").strip().split("\n")[0] or payload.TYPE,
            "payload": {"$ref": f"./{schema_file(payload)}"},
        }
        for payload in ROUTES
    }

    def refs(channel: str, types) -> list[dict]:
        return [{"$ref": f"#/channels/{channel}/messages/{t}"} for t in types]

    channels = {
        BUS_QUEUE: {
            "address": queue_of(BUS_QUEUE),
            "description": f"Every event, as the argument of the Celery task `{INGEST_TASK}`; "
            "the bus stores it once, in order, then routes it.",
            "messages": {p.TYPE: {"$ref": f"#/components/messages/{p.TYPE}"} for p in ROUTES},
        }
    }
    operations = {
        f"{payload.PRODUCER}.publish{payload.TYPE}": {
            "action": "send",
            "channel": {"$ref": f"#/channels/{BUS_QUEUE}"},
            "messages": refs(BUS_QUEUE, [payload.TYPE]),
        }
        for payload in ROUTES
    }
    for service in consumers:
        handled = subscriptions(service)
        channels[service] = {
            "address": queue_of(service),
            "description": f"What the bus routes to {service}: the Celery task "
            f'`{consumer_task(service)}` with `{{"seq": <store position>, "event": <event>}}`.',
            "messages": {t: {"$ref": f"#/components/messages/{t}"} for t in handled},
        }
        operations[f"{service}.handleEvent"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{service}"},
            "messages": refs(service, handled),
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Tandem events",
            "version": version,
            "description": "The events of Tandem's split build, carried by Celery on Redis "
            "(docs/events.md). Each message is an event envelope; its JSON Schema is in events/.",
        },
        "defaultContentType": "application/json",
        "servers": {
            "redis": {"host": "127.0.0.1:6379", "protocol": "redis", "description": "the broker"}
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def documents(version: str) -> dict[str, str]:
    """`version` is the contract's, the same as the OpenAPI schema's."""
    # File name (relative to the contract folder) -> its text.
    files = {
        schema_file(payload): json.dumps(envelope_schema(payload), indent=1) + "\n"
        for payload in ROUTES
    }
    files["asyncapi.json"] = json.dumps(asyncapi(version), indent=1) + "\n"
    return files


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    folder, check = Path(argv[0]), "--check" in argv[1:]
    stale = []
    for name, text in documents(SPECTACULAR_SETTINGS["VERSION"]).items():
        path = folder / name
        if check:
            if not path.is_file() or path.read_text() != text:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if stale:
        print(f"out of date (run python -m common.events.documents {folder}): {stale}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
