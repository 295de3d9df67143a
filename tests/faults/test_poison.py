"""Fault 5: an event whose handler fails every time is parked after its retries, and the
events behind it are still handled."""

import json

from tests.behaviour.client import eventually
from tests.faults.conftest import deliver, envelope
from tests.faults.load import burst_posts
from tests.faults.observe import assert_feed_is_exactly


def _dead_letters(stack) -> list[dict]:
    output = stack.manage("query", "deadletters")
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_a_poison_event_is_parked_and_does_not_block_the_queue(api, writer, stack, broker, record):
    # The author has no id: the contract's shape holds, the query handler fails every time.
    poison = envelope(
        "PostCreated",
        "post",
        800_000_001,
        1,
        {
            "post_id": 800_000_001,
            "title": "poison",
            "author": {"username": "nobody"},
            "created_at": "2026-01-01T00:00:00.000000Z",
        },
    )
    deliver(broker, "query", poison)
    accepted = burst_posts(api, writer, 20)
    assert_feed_is_exactly(api, accepted)

    parked = eventually(lambda: _dead_letters(stack), timeout=30, interval=0.3)
    assert [(p["event_id"], p["type"], p["attempts"]) for p in parked] == [
        (poison["id"], "PostCreated", 4)
    ]
    assert "KeyError" in parked[0]["error"]

    record.during = (
        f"nothing visible: the {len(accepted)} posts behind the poison event showed as usual; "
        "it was parked after 4 attempts"
    )
    redriven = json.loads(stack.manage("query", "deadletters", "--redrive-all"))
    assert redriven == {"id": parked[0]["id"], "handled": False}
    assert _dead_letters(stack)[0]["attempts"] == 5
    assert_feed_is_exactly(api, accepted)
    record.after = "kept as a dead letter to inspect; a redrive failed again and kept it parked"
