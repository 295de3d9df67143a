"""Fault 5: an event whose handler fails every time is parked after its retries, and the
events behind it are still handled."""

import json

from tests.behaviour.client import eventually
from tests.faults.conftest import deliver, envelope
from tests.faults.load import burst_posts
from tests.faults.observe import assert_feed_is_exactly


def _dead_letters(stack, service: str) -> list[dict]:
    output = stack.manage(service, "deadletters")
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_a_poison_event_is_parked_and_does_not_block_the_queue(api, writer, stack, broker, record):
    # A verdict on a comment the comments service never wrote: the event follows the
    # contract, and the handler fails every time.
    poison = envelope(
        "CommentModerated",
        "comment",
        800_000_001,
        1,
        {"comment_id": 800_000_001, "post_id": 1, "status": "approved", "reason": None},
    )
    # The author has no id: this one breaks the contract, and is parked at once.
    malformed = envelope(
        "PostCreated",
        "post",
        800_000_002,
        1,
        {
            "post_id": 800_000_002,
            "title": "poison",
            "author": {"username": "nobody"},
            "created_at": "2026-01-01T00:00:00.000000Z",
        },
    )
    deliver(broker, "comments", poison)
    deliver(broker, "query", malformed)
    accepted = burst_posts(api, writer, 20)
    assert_feed_is_exactly(api, accepted)

    parked = eventually(lambda: _dead_letters(stack, "comments"), timeout=30, interval=0.3)
    assert [(p["event_id"], p["type"], p["attempts"]) for p in parked] == [
        (poison["id"], "CommentModerated", 4)
    ]
    assert "DoesNotExist" in parked[0]["error"]
    refused = eventually(lambda: _dead_letters(stack, "query"), timeout=30, interval=0.3)
    assert [(p["event_id"], p["attempts"]) for p in refused] == [(malformed["id"], 1)]
    assert "ContractError" in refused[0]["error"]

    record.during = (
        f"nothing visible: the {len(accepted)} posts behind the poison event showed as usual; "
        "it was parked after 4 attempts, and an event that broke the contract at once"
    )
    redriven = json.loads(stack.manage("comments", "deadletters", "--redrive-all"))
    assert redriven == {"id": parked[0]["id"], "handled": False}
    assert _dead_letters(stack, "comments")[0]["attempts"] == 5
    assert_feed_is_exactly(api, accepted)
    record.after = "kept as a dead letter to inspect; a redrive failed again and kept it parked"
