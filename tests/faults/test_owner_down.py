"""Fault 8: the posts service is down while other services are asked about posts."""

import time

from tests.faults.observe import assert_feed_is_exactly

UNHEARD_OF = 987_654_321


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_with_posts_down_known_posts_work_and_others_get_a_quick_503(api, writer, stack, record):
    known = api.create_post(writer, "known before the outage")
    assert api.comments(known["id"]) == []  # the comments service knows it from here on
    stack.stop_service("posts")

    comment = api.create_comment(writer, known["id"], "still works")
    unknown, waited = _timed(
        lambda: api.post(
            f"/posts/{UNHEARD_OF}/comments", json={"content": "?"}, headers=writer.auth
        )
    )
    feed, feed_waited = _timed(
        lambda: api.get("/posts", headers={"Consistency-Token": f"p{UNHEARD_OF}"})
    )
    for response, seconds in ((unknown, waited), (feed, feed_waited)):
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "service_unavailable"
        assert int(response.headers["Retry-After"]) > 0
        assert seconds < 3, "a clean refusal, not a hang"
    assert [c["id"] for c in api.comments(known["id"])] == [comment["id"]]
    assert api.get(f"/posts/{UNHEARD_OF}/comments").status_code == 503
    record.during = (
        "a comment on a post the comments service knew was accepted; a question only posts "
        f"could answer got 503 with Retry-After in {max(waited, feed_waited):.2f} s at most"
    )

    stack.start_service("posts")
    with record.healing():
        deadline = time.monotonic() + 30  # an open circuit breaker tries again every 10 s
        while api.get(f"/posts/{UNHEARD_OF}/comments").status_code != 404:
            assert time.monotonic() < deadline, "the breaker never closed"
            time.sleep(0.2)
    record.after = (
        f"the unheard-of post was a plain 404 again {record.heal_seconds} s after posts came "
        "back; nothing was lost"
    )
    assert_feed_is_exactly(api, [known["id"]])
