"""Comments, owned here, and the ids of the posts they may be attached to."""

from django.db import models

from common.comments.domain import STATUS_CHOICES, CommentStatus
from common.comments.domain import Comment as CommentValue
from common.limits import CONTENT_MAX_LENGTH, USERNAME_MAX_LENGTH
from common.users.domain import Author


class KnownPost(models.Model):
    """A post this service has heard of through `PostCreated`; comments need one."""

    id = models.BigIntegerField(primary_key=True)


class Comment(models.Model):
    post_id = models.BigIntegerField()
    author_id = models.BigIntegerField()
    author_username = models.CharField(max_length=USERNAME_MAX_LENGTH)
    content = models.TextField(max_length=CONTENT_MAX_LENGTH)
    status = models.CharField(
        max_length=16,
        choices=STATUS_CHOICES,
        default=CommentStatus.PENDING,
    )
    #: 1 when written, one more at each change: the aggregate version in its events.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["post_id", "id"], name="comment_by_post")]

    def as_comment(self) -> CommentValue:
        return CommentValue.of(
            self, author=Author(id=self.author_id, username=self.author_username)
        )
