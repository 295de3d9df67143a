"""Fault 2: the moderation service is down while comments arrive."""

import time

from tests.faults.observe import assert_feed_is_exactly, comment_statuses


def test_comments_wait_pending_while_moderation_is_down_then_get_their_status(
    api, writer, stack, record
):
    post = api.create_post(writer, "moderation outage")
    api.wait_for_post(post["id"])
    stack.stop_service("moderation")

    contents = [f"comment {n} {'with orange' if n % 3 == 0 else 'clean'}" for n in range(30)]
    comments = [api.create_comment(writer, post["id"], text) for text in contents]
    time.sleep(3)  # long enough for any moderation that could happen to happen
    statuses = comment_statuses(api, post["id"])
    assert set(statuses) == {c["id"] for c in comments}
    assert set(statuses.values()) == {"pending"}
    assert {c["status"] for c in api.comments(post["id"])} == {"pending"}
    record.during = (
        f"{len(comments)} of {len(contents)} comments accepted; every one shown `pending` "
        "for the 3 s watched; posts and the feed answered"
    )

    stack.start_service("moderation")
    expected = {c["id"]: "rejected" if "orange" in c["content"] else "approved" for c in comments}
    with record.healing():
        for comment in comments:
            api.wait_for_comment_in_feed(post["id"], comment["id"], expected[comment["id"]])
    record.after = (
        f"all {len(comments)} showed their final status {record.heal_seconds} s after "
        "moderation came back"
    )
    assert comment_statuses(api, post["id"]) == expected
    assert {c["id"]: c["status"] for c in api.comments(post["id"])} == expected
    assert_feed_is_exactly(api, [post["id"]])
