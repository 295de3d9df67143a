"""The comments service in-process: a comment needs a post it has heard of (or that the posts
service, asked through a stand-in here, confirms), it is written with its `CommentCreated`,
and moderation's first verdict is applied once and announced."""

import pytest

from common.auth.tokens import Principal
from common.comments.domain import CommentStatus
from common.errors import OwnerUnavailable
from common.events.envelope import Envelope
from common.events.inbox import apply
from common.events.models import OutboxEvent
from common.moderation.events import CommentModerated
from common.posts.errors import PostNotFound
from common.posts.events import PostCreated
from microservices.comments import services
from microservices.comments.handlers import HANDLERS
from microservices.comments.models import Comment, KnownPost
from microservices.comments.services import comment_create, comment_list
from tests.support.sample_events import POST, post_created

pytestmark = pytest.mark.django_db
READER = Principal(user_id=4, username="reader")


@pytest.fixture(autouse=True)
def owner(monkeypatch) -> dict:
    """The posts service as `post_facts` asks it: post id -> its facts; absent means 404."""
    posts: dict = {}
    asked: list[int] = []

    def post_facts(post_id):
        asked.append(post_id)
        if posts.get(post_id) == "down":
            raise OwnerUnavailable
        return posts.get(post_id)

    monkeypatch.setattr(services, "post_facts", post_facts)
    return {"posts": posts, "asked": asked}


def _events() -> list[Envelope]:
    return [Envelope.from_dict(row.envelope) for row in OutboxEvent.objects.order_by("created_at")]


def _verdict(comment_id: int, status: str) -> dict:
    verdict = CommentModerated(comment_id=comment_id, post_id=7, status=status, reason=None)
    return Envelope.of(verdict).to_dict()


def test_a_post_becomes_commentable_once_however_often_it_is_announced():
    event = post_created()
    apply(event, 1, HANDLERS)
    apply({**event, "id": post_created()["id"]}, 2, HANDLERS)
    assert list(KnownPost.objects.values_list("pk", flat=True)) == [7]


def test_a_comment_on_a_post_never_announced_is_refused_and_changes_nothing():
    with pytest.raises(PostNotFound):
        comment_create(author=READER, post_id=7, content="first!")
    with pytest.raises(PostNotFound):
        comment_list(post_id=7, after=0, limit=10)
    assert not Comment.objects.exists() and not OutboxEvent.objects.exists()


def test_a_comment_is_written_pending_with_its_event():
    apply(post_created(), 1, HANDLERS)
    comment = comment_create(author=READER, post_id=7, content="nice")
    assert comment.status == CommentStatus.PENDING
    (created,) = _events()
    assert (created.type, created.aggregate_id, created.aggregate_version) == (
        "CommentCreated",
        comment.id,
        1,
    )
    assert created.payload.author.username == "reader"
    assert comment_list(post_id=7, after=0, limit=10) == [comment]


def test_the_first_verdict_wins_and_is_announced_once():
    apply(post_created(), 1, HANDLERS)
    comment = comment_create(author=READER, post_id=7, content="nice")
    for event in (_verdict(comment.id, "rejected"), _verdict(comment.id, "approved")):
        apply(event, None, HANDLERS)
    stored = Comment.objects.get(pk=comment.id)
    assert (stored.status, stored.version) == ("rejected", 2)
    updates = [e for e in _events() if e.type == "CommentUpdated"]
    assert [(u.aggregate_version, u.payload.status) for u in updates] == [(2, "rejected")]


def test_a_post_the_event_has_not_brought_yet_is_learned_from_its_owner_once(owner):
    owner["posts"][7] = PostCreated.of(POST)
    first = comment_create(author=READER, post_id=7, content="quick")
    assert comment_list(post_id=7, after=0, limit=10) == [first]
    comment_create(author=READER, post_id=7, content="again")
    assert owner["asked"] == [7], "remembered: the owner is asked once"
    assert list(KnownPost.objects.values_list("pk", flat=True)) == [7]
    apply(post_created(), 1, HANDLERS)  # the event arrives after all: nothing changes
    assert KnownPost.objects.count() == 1


def test_a_post_known_from_events_needs_no_question(owner):
    apply(post_created(), 1, HANDLERS)
    comment_create(author=READER, post_id=7, content="nice")
    comment_list(post_id=7, after=0, limit=10)
    assert owner["asked"] == []


def test_an_owner_that_cannot_answer_is_a_clean_refusal_that_writes_nothing(owner):
    owner["posts"][7] = "down"
    with pytest.raises(OwnerUnavailable):
        comment_create(author=READER, post_id=7, content="hello?")
    with pytest.raises(OwnerUnavailable):
        comment_list(post_id=7, after=0, limit=10)
    assert not Comment.objects.exists() and not KnownPost.objects.exists()
    assert not OutboxEvent.objects.exists()
