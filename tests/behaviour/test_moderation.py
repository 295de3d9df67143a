"""Moderation: comments start pending and end approved, or rejected for a blocked word."""

import pytest


@pytest.mark.parametrize(
    ("content", "final"),
    [
        ("What a lovely post", "approved"),
        ("I love orange juice", "rejected"),
        ("ORANGE is loud", "rejected"),
        ("Orange.", "rejected"),
        ("oranges are plural", "approved"),
        ("an orangery is a greenhouse", "approved"),
    ],
)
def test_a_comment_reaches_its_final_status_in_both_views(api, bob, post, content, final):
    comment = api.create_comment(bob, post["id"], content)
    assert comment["status"] in ("pending", final)
    settled = api.wait_for_comment(post["id"], comment["id"], final)
    assert settled["content"] == content
    in_feed = api.wait_for_comment_in_feed(post["id"], comment["id"], final)
    assert in_feed == settled


def test_a_rejected_comment_stays_listed_with_its_status(api, bob, post):
    rejected = api.create_comment(bob, post["id"], "orange")
    approved = api.create_comment(bob, post["id"], "apple")
    api.wait_for_comment(post["id"], rejected["id"], "rejected")
    api.wait_for_comment(post["id"], approved["id"], "approved")
    statuses = {c["id"]: c["status"] for c in api.comments(post["id"])}
    assert statuses == {rejected["id"]: "rejected", approved["id"]: "approved"}
