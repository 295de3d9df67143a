"""Fault 10: the event bus (its web process and its worker) is down for a minute while posts
are written."""

import time

import redis

from tests.faults.observe import assert_feed_is_exactly

OUTAGE_SECONDS = 60
WRITES_PER_SECOND = 4


def waiting_for_the_bus(stack, redis_server) -> int:
    """Messages waiting in the bus's queue (every priority list kombu keeps for it)."""
    client = redis.Redis.from_url(redis_server.url)
    keys = client.scan_iter(match=f"{stack.broker_prefix}eventbus*", count=1000)
    return sum(client.llen(key) for key in keys if client.type(key) == b"list")


def test_an_outage_of_the_bus_leaves_one_copy_per_event_and_loses_none(
    api, writer, stack, redis_server, record
):
    stack.stop_service("eventbus")
    accepted, started = [], time.monotonic()
    while time.monotonic() - started < OUTAGE_SECONDS:
        created = api.post("/posts", json={"title": f"during {len(accepted)}"}, headers=writer.auth)
        assert created.status_code == 201, created.text
        accepted.append(created.json()["id"])
        time.sleep(1 / WRITES_PER_SECOND)
    waiting = waiting_for_the_bus(stack, redis_server)
    record.during = (
        f"all {len(accepted)} posts accepted in {OUTAGE_SECONDS} s; {waiting} messages waited "
        "in Redis for the bus: one hand-off per event, no copies from the relays"
    )
    assert waiting <= len(accepted) + 2, "the relays published copies the bus could not store"

    stack.start_service("eventbus")
    with record.healing():
        assert_feed_is_exactly(api, accepted)
    record.after = f"every post in the feed once, {record.heal_seconds} s after the bus came back"
