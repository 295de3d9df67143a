"""Fault 6: the query service's database is deleted and rebuilt from the event store."""

from tests.faults.load import burst_posts
from tests.faults.observe import assert_feed_is_exactly, feed_everything


def test_a_wiped_read_model_is_rebuilt_equal_from_the_store(api, writer, stack, record):
    accepted = burst_posts(api, writer, 40)
    commented = accepted[:5]
    comments = [
        api.create_comment(writer, post_id, text)
        for post_id in commented
        for text in ("a clean one", "an orange one")
    ]
    for comment in comments:
        final = "rejected" if "orange" in comment["content"] else "approved"
        api.wait_for_comment_in_feed(comment["post_id"], comment["id"], final)
    before = assert_feed_is_exactly(api, accepted)

    with record.healing():
        stack.stop_service("query")
        stack.wipe_database("query")
        stack.migrate("query")
        assert "applied" in stack.manage("query", "catchup")
        stack.start_service("query")
    record.during = (
        f"no feed for {record.heal_seconds} s while the query service was stopped, "
        "its database wiped and replayed from the event store; writes kept being accepted"
    )

    assert feed_everything(api) == before
    record.after = (
        f"the feed equal to before, field for field: {len(before)} posts, {len(comments)} comments"
    )
