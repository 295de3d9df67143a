"""A post and a comment, for tests that need a valid event built from one."""

from datetime import UTC, datetime

from common.comments.domain import Comment, CommentStatus
from common.events.envelope import Envelope
from common.posts.domain import Post
from common.posts.events import PostCreated
from common.users.domain import Author

POST = Post(
    id=7, title="t", author=Author(id=1, username="a"), created_at=datetime(2026, 1, 1, tzinfo=UTC)
)

COMMENT = Comment(
    id=5,
    post_id=7,
    content="c",
    status=CommentStatus.PENDING,
    author=Author(id=1, username="a"),
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
)


def post_created() -> dict:
    """A new, valid PostCreated event (a fresh id each call), in its wire form."""
    return Envelope.of(PostCreated.of(POST)).to_dict()
