"""The monolith's copies of the rows a service owns once their feature has moved out
(`TANDEM_MOVED_OUT`, steps 4 to 6 of docs/migration.md), kept from the event store by the
relay's catch-up with their ids and moments.

They keep the monolith whole for a rollback (flip the route back, and the rows written in the
service meanwhile are here), and for its foreign keys: a copied comment needs its post and
its author. A copied user has no usable password: hashes never travel as events, and sign-in
comes back to the monolith only with a table copy (`copy_users`).

Each handler leaves a row it holds alone (the monolith's own facts come back this way too),
except that a pending comment takes its verdict.
"""

from django.contrib.auth.hashers import make_password

from common.comments.domain import CommentStatus
from common.comments.events import CommentCreated, CommentUpdated
from common.copied_rows import create_as_of
from common.events.envelope import Envelope
from common.posts.events import PostCreated
from common.users.events import UserRegistered
from common.users.models import User
from monolith.comments.models import Comment
from monolith.posts.models import Post


def user_copied(event: Envelope) -> None:
    fact: UserRegistered = event.payload
    if User.objects.filter(pk=fact.user_id).exists():
        return
    create_as_of(
        User,
        pk=fact.user_id,
        created_at=fact.registered_at,
        username=fact.username,
        password=make_password(None),
    )


def post_copied(event: Envelope) -> None:
    fact: PostCreated = event.payload
    if Post.objects.filter(pk=fact.post_id).exists():
        return
    create_as_of(
        Post,
        pk=fact.post_id,
        created_at=fact.created_at,
        title=fact.title,
        author_id=fact.author.id,
    )


def comment_copied(event: Envelope) -> None:
    fact: CommentCreated | CommentUpdated = event.payload
    held = Comment.objects.select_for_update().filter(pk=fact.comment_id).first()
    if held is None:
        create_as_of(
            Comment,
            pk=fact.comment_id,
            created_at=fact.created_at,
            post_id=fact.post_id,
            author_id=fact.author.id,
            content=fact.content,
            status=fact.status,
        )
    elif held.status == CommentStatus.PENDING and fact.status != CommentStatus.PENDING:
        held.status = fact.status
        held.save(update_fields=["status"])


#: What each feature that has moved out asks the monolith to copy.
BY_FEATURE = {
    "users": {UserRegistered: user_copied},
    "posts": {PostCreated: post_copied},
    "comments": {CommentCreated: comment_copied, CommentUpdated: comment_copied},
}
