"""The monolith's copies of what its services own once a feature has moved out (steps 4 to 6
of docs/migration.md): rows kept with their ids and moments, users without a usable
password, and a pending comment taking its verdict; rows it holds are left alone."""

import itertools
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from common.comments.domain import Comment as CommentValue
from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.events.envelope import Envelope
from common.events.inbox import apply
from common.posts.domain import Post as PostValue
from common.posts.events import PostCreated
from common.users.domain import Author, User
from common.users.events import UserRegistered
from common.users.models import User as UserRow
from monolith.comments.models import Comment
from monolith.posts.models import Post
from monolith.publishing.copies import BY_FEATURE

pytestmark = pytest.mark.django_db
MOMENT = datetime(2026, 1, 2, tzinfo=UTC)
POSITIONS = itertools.count(1)
COPIES = {payload: h for handlers in BY_FEATURE.values() for payload, h in handlers.items()}
AUTHOR = Author(id=3001, username="elsewhere")
POST = PostValue(id=4001, title="from the service", author=AUTHOR, created_at=MOMENT)
COMMENT = CommentValue(
    id=5001,
    post_id=POST.id,
    content="copied",
    status=CommentStatus.PENDING,
    author=AUTHOR,
    created_at=MOMENT,
)


def _apply(payload, version: int = 1) -> None:
    apply(Envelope.of(payload, version=version).to_dict(), next(POSITIONS), COPIES)


def _everything() -> None:
    _apply(UserRegistered.of(User(id=AUTHOR.id, username=AUTHOR.username, registered_at=MOMENT)))
    _apply(PostCreated.of(POST))
    _apply(CommentCreated.of(COMMENT))


def test_a_service_user_post_and_comment_are_copied_with_their_ids_and_moments():
    _everything()
    user = UserRow.objects.get(pk=AUTHOR.id)
    assert (user.username, user.created_at) == (AUTHOR.username, MOMENT)
    assert not user.password or user.password.startswith("!")  # no usable password
    post = Post.objects.get(pk=POST.id)
    assert (post.title, post.author_id, post.created_at) == (POST.title, AUTHOR.id, MOMENT)
    comment = Comment.objects.get(pk=COMMENT.id)
    assert (comment.post_id, comment.author_id, comment.status) == (POST.id, AUTHOR.id, "pending")
    assert comment.created_at == MOMENT


def test_a_pending_copy_takes_its_verdict_and_a_late_older_fact_changes_nothing():
    _everything()
    _apply(CommentUpdated.of(replace(COMMENT, status=CommentStatus.REJECTED)), 2)
    _apply(CommentCreated.of(COMMENT))  # again, as a late copy would be
    assert Comment.objects.get(pk=COMMENT.id).status == CommentStatus.REJECTED


def test_rows_the_monolith_holds_are_left_alone(author):
    own = UserRow.objects.get(pk=author.user_id)
    _apply(UserRegistered.of(User(id=own.pk, username="renamed", registered_at=MOMENT)))
    own.refresh_from_db()
    assert own.username == author.username and own.password == "!"
