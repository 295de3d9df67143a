"""The monolith's facts (step 1 of docs/migration.md): its writes record them in the same
transaction once it publishes, and the backfill records those of rows written before, each
fact once however often it runs."""

import pytest
from django.db import transaction

from common.events.envelope import Envelope
from common.events.models import OutboxEvent
from common.moderation.events import CommentModerated
from common.users.models import User
from monolith.comments.handlers import comment_moderated
from monolith.comments.models import Comment
from monolith.comments.services import comment_create
from monolith.posts.services import post_create
from monolith.publishing.backfill import backfill
from monolith.users.services import user_register


def recorded() -> list[Envelope]:
    rows = OutboxEvent.objects.order_by("created_at", "id")
    return [Envelope.from_dict(row.envelope) for row in rows]


def facts(envelopes: list[Envelope]) -> set[tuple[str, int, int]]:
    return {(e.type, e.aggregate_id, e.aggregate_version) for e in envelopes}


@pytest.fixture
def publishing(settings):
    settings.TANDEM_PUBLISH_EVENTS = True


def test_nothing_is_recorded_while_the_monolith_does_not_publish(author):
    post = post_create(author=author, title="quiet")
    comment_create(author=author, post_id=post.id, content="hello")
    user_register(username="quiet", password="a long enough password")
    assert OutboxEvent.objects.count() == 0


def test_each_write_records_its_facts_with_the_rows_ids(author, publishing):
    user = user_register(username="newcomer", password="a long enough password")
    post = post_create(author=author, title="hello")
    approved = comment_create(author=author, post_id=post.id, content="fine")
    rejected = comment_create(author=author, post_id=post.id, content="orange")
    events = recorded()
    assert facts(events) == {
        ("UserRegistered", user.id, 1),
        ("PostCreated", post.id, 1),
        ("CommentCreated", approved.id, 1),
        ("CommentUpdated", approved.id, 2),
        ("CommentCreated", rejected.id, 1),
        ("CommentUpdated", rejected.id, 2),
    }
    by_fact = {(e.type, e.aggregate_id): e.payload for e in events}
    assert by_fact[("CommentCreated", approved.id)].status == "pending"
    assert by_fact[("CommentUpdated", approved.id)].status == "approved"
    assert by_fact[("CommentUpdated", rejected.id)].status == "rejected"
    assert by_fact[("PostCreated", post.id)].author.username == "author"
    assert "password" not in str([row.envelope for row in OutboxEvent.objects.all()])


def test_a_refused_write_records_nothing(author, publishing):
    user_register(username="taken", password="a long enough password")
    before = OutboxEvent.objects.count()
    with pytest.raises(Exception, match="Taken|taken"):
        user_register(username="taken", password="another long password")
    assert OutboxEvent.objects.count() == before


def test_the_backfill_records_every_existing_row_once_however_often_it_runs(author, settings):
    posts = [post_create(author=author, title=f"old {n}") for n in range(5)]
    for post in posts:
        comment_create(author=author, post_id=post.id, content="old comment")
    assert OutboxEvent.objects.count() == 0
    settings.TANDEM_PUBLISH_EVENTS = True
    live = post_create(author=author, title="written while publishing")

    first = backfill(chunk=2)
    again = backfill(chunk=2)

    assert {name: t.rows for name, t in first.items()} == {"users": 1, "posts": 6, "comments": 5}
    assert sum(t.new_events for t in first.values()) == 1 + 5 + 5 * 2
    assert sum(t.new_events for t in again.values()) == 0
    events = recorded()
    assert len(events) == len(facts(events)) == 1 + 6 + 5 * 2
    assert ("PostCreated", live.id, 1) in facts(events)


def test_a_backfilled_fact_is_the_writes_fact_to_the_byte_of_its_id(author, publishing):
    post = post_create(author=author, title="both ways")
    written = {e.id for e in recorded()}
    OutboxEvent.objects.all().delete()
    backfill()
    assert {e.id for e in recorded() if e.aggregate_id == post.id and e.type == "PostCreated"} <= (
        written
    )


def test_users_are_backfilled_without_their_password(author, publishing):
    User.objects.create(username="before", password="pbkdf2_sha256$hash")
    backfill()
    assert "pbkdf2" not in str([row.envelope for row in OutboxEvent.objects.all()])


def verdict(comment_id: int, post_id: int, status: str) -> Envelope:
    return Envelope.of(
        CommentModerated(comment_id=comment_id, post_id=post_id, status=status, reason=None)
    )


def test_with_moderation_moved_out_a_comment_is_written_pending_and_decided_by_its_verdict(
    author, publishing, settings
):
    settings.TANDEM_MODERATION_IN_WRITE = False
    post = post_create(author=author, title="judged elsewhere")
    comment = comment_create(author=author, post_id=post.id, content="fine words")
    assert comment.status == "pending"
    assert facts(recorded()) == {("PostCreated", post.id, 1), ("CommentCreated", comment.id, 1)}

    with transaction.atomic():
        comment_moderated(verdict(comment.id, post.id, "approved"))
    with transaction.atomic():
        comment_moderated(verdict(comment.id, post.id, "rejected"))  # too late: the first won

    assert Comment.objects.get(pk=comment.id).status == "approved"
    updates = [e for e in recorded() if e.type == "CommentUpdated"]
    assert [(u.aggregate_version, u.payload.status) for u in updates] == [(2, "approved")]


def test_a_verdict_on_a_comment_the_monolith_judged_itself_changes_nothing(author, publishing):
    post = post_create(author=author, title="judged here")
    comment = comment_create(author=author, post_id=post.id, content="orange")
    before = OutboxEvent.objects.count()
    with transaction.atomic():
        comment_moderated(verdict(comment.id, post.id, "approved"))
    assert Comment.objects.get(pk=comment.id).status == "rejected"
    assert OutboxEvent.objects.count() == before


def test_a_pending_comment_is_backfilled_as_written_only(author, settings):
    settings.TANDEM_MODERATION_IN_WRITE = False
    post = post_create(author=author, title="still pending")
    comment = comment_create(author=author, post_id=post.id, content="waiting")
    settings.TANDEM_PUBLISH_EVENTS = True
    backfill()
    assert ("CommentCreated", comment.id, 1) in facts(recorded())
    assert not [e for e in recorded() if e.type == "CommentUpdated"]
