"""Fault 4: the same event delivered twice, and the events of one post out of order."""

import time

from tests.behaviour.client import eventually
from tests.faults.conftest import deliver, envelope
from tests.faults.observe import comment_statuses, feed_everything

AUTHOR = {"id": 999, "username": "outoforder"}


def test_duplicates_and_reordered_events_give_the_same_view(api, broker, record):
    post_id, comment_id = 900_000_001, 900_000_002
    comment = {
        "comment_id": comment_id,
        "post_id": post_id,
        "content": "seen late",
        "author": AUTHOR,
        "created_at": "2026-01-01T00:00:01.000000Z",
    }
    updated = envelope(
        "CommentUpdated", "comment", comment_id, 2, {**comment, "status": "approved"}
    )
    created = envelope("CommentCreated", "comment", comment_id, 1, {**comment, "status": "pending"})
    post = envelope(
        "PostCreated",
        "post",
        post_id,
        1,
        {
            "post_id": post_id,
            "title": "out of order",
            "author": AUTHOR,
            "created_at": "2026-01-01T00:00:00.000000Z",
        },
    )
    # Newest version first, the post last, and every event twice.
    for event in (updated, updated, created, post, created, post, updated):
        deliver(broker, "query", event)

    eventually(
        lambda: any(p["id"] == post_id for p in feed_everything(api)), timeout=30, interval=0.1
    )
    time.sleep(1)  # let any straggling duplicate land
    posts = [p for p in feed_everything(api) if p["id"] == post_id]
    assert len(posts) == 1
    assert comment_statuses(api, post_id) == {comment_id: "approved"}
    record.fault = "the same events delivered twice and out of order"
    record.during = "7 deliveries of 3 events, newest first: the post showed once"
    record.after = "its comment `approved`, as if delivered once in order"


def test_a_verdict_delivered_twice_is_applied_once(api, writer, stack, broker, record):
    post = api.create_post(writer, "verdicts")
    api.wait_for_post(post["id"])
    stack.stop_service("moderation")
    comment = api.create_comment(writer, post["id"], "judge me once")
    verdict = envelope(
        "CommentModerated",
        "comment",
        comment["id"],
        1,
        {"comment_id": comment["id"], "post_id": post["id"], "status": "approved", "reason": None},
    )
    second_opinion = envelope(
        "CommentModerated",
        "comment",
        comment["id"],
        1,
        {
            "comment_id": comment["id"],
            "post_id": post["id"],
            "status": "rejected",
            "reason": "blocked_word:late",
        },
    )
    for event in (verdict, verdict, second_opinion, verdict):
        deliver(broker, "comments", event)

    api.wait_for_comment_in_feed(post["id"], comment["id"], "approved")
    time.sleep(1)
    assert comment_statuses(api, post["id"]) == {comment["id"]: "approved"}
    assert api.comments(post["id"])[0]["status"] == "approved"
    stored = stack.bus_events(types="CommentUpdated")
    updates = [e for e in stored if e["event"]["data"]["comment_id"] == comment["id"]]
    assert len(updates) == 1, "the comments service announced the change once"
    record.fault = "a moderation verdict delivered twice, then a contrary one"
    record.during = "the comment stayed `pending` until the first verdict"
    record.after = "`approved` once; later verdicts ignored; one CommentUpdated announced"
