"""The scale section's seed: its sizes, and the events it writes into the split build's store,
held to what a consumer of the contract accepts."""

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bench.compare import seed
from bench.compare.event_sql import envelope, evaluate, to_sql
from bench.compare.scale import deep_position
from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.contract import TYPES
from common.events.envelope import Envelope
from common.moderation.events import CommentModerated
from common.posts.events import PostCreated
from common.users.events import UserRegistered

AT = datetime(2026, 12, 1, 8, 30, 15, 123456, tzinfo=UTC)
AUTHOR = {"author_id": 3, "author_username": "seeded3"}
COMMENT = {"comment_id": 5, "post_id": 4, "content": "Seeded comment 5, I like orange", **AUTHOR}

#: One row of each event type, as the seed's SQL reads it for user 3, post 4, comment 5.
ROWS = {
    UserRegistered: {"user_id": 3, "username": "seeded3", "registered_at": AT},
    PostCreated: {"post_id": 4, "title": "Seeded post 4", **AUTHOR, "created_at": AT},
    CommentCreated: {**COMMENT, "status": "pending", "created_at": AT},
    CommentModerated: {"comment_id": 5, "post_id": 4, "status": "rejected",
                       "reason": "blocked_word:orange"},
    CommentUpdated: {**COMMENT, "status": "rejected", "created_at": AT},
}  # fmt: skip


def stored(payload, version: int = 1) -> dict:
    row = {"event_id": str(uuid.uuid4()), "occurred_at": AT, "aggregate_version": version}
    return evaluate(envelope(payload), {**row, **ROWS[payload]})


@pytest.mark.parametrize("payload", list(ROWS), ids=lambda p: p.TYPE)
def test_each_seeded_envelope_is_one_a_consumer_accepts_unchanged(payload):
    raw = stored(payload)
    decoded = Envelope.from_dict(raw)
    assert decoded.to_dict() == raw
    assert decoded.occurred_at == "2026-12-01T08:30:15.123456Z"
    assert decoded.aggregate_id == ROWS[payload][f"{payload.AGGREGATE}_id"]


def test_a_rejected_comment_carries_its_verdict_and_its_second_version():
    updated = Envelope.from_dict(stored(CommentUpdated, version=2))
    assert updated.aggregate_version == 2
    assert updated.payload.status is CommentStatus.REJECTED
    assert updated.payload.author.username == "seeded3"
    moderated = Envelope.from_dict(stored(CommentModerated)).payload
    assert moderated.reason == seed.REJECTED.reason == "blocked_word:orange"


def test_the_store_is_seeded_with_every_type_of_the_contract():
    assert {payload.TYPE for payload, *_ in seed.EVENTS} == set(TYPES)


def test_an_envelope_reads_columns_named_after_its_payload_fields():
    sql = to_sql(envelope(PostCreated)["data"]).as_string(None)
    assert sql.startswith("jsonb_build_object('post_id', \"post_id\", 'title', \"title\"")
    assert (
        "'author', jsonb_build_object('id', \"author_id\", 'username', \"author_username\")" in sql
    )
    assert "to_char(\"created_at\" AT TIME ZONE 'UTC'" in sql


def test_a_moment_is_written_in_utc_as_events_write_it():
    two_hours_east = AT.astimezone(timezone(timedelta(hours=2)))
    row = {"event_id": str(uuid.uuid4()), "occurred_at": two_hours_east, "aggregate_version": 1}
    raw = evaluate(envelope(UserRegistered), {**row, **ROWS[UserRegistered]})
    assert raw["occurred_at"] == "2026-12-01T08:30:15.123456Z"


def test_sizes_follow_the_mix_with_at_least_ten_users():
    data = seed.Data(posts=10_000)
    assert (data.comments, data.users) == (12_500, 100)
    assert data.events == 100 + 10_000 + 3 * 12_500
    assert seed.Data(posts=300).users == 10
    assert seed.REJECTED_EVERY == 5


def test_the_deep_page_is_half_a_million_posts_back_or_the_last_full_page():
    assert deep_position(1_000_000) == 500_000
    assert deep_position(10_000) == 9_980
    assert deep_position(300) == 280
    with pytest.raises(ValueError):
        deep_position(20)
