"""The read model: copies of what the feed shows, kept up to date by events.

Everything here can be deleted and rebuilt from the event store (`catchup`).
"""

from django.db import models

from common.limits import TITLE_MAX_LENGTH, USERNAME_MAX_LENGTH


class FeedUser(models.Model):
    """Users as `UserRegistered` announced them (a directory for pages by author)."""

    id = models.BigIntegerField(primary_key=True)
    username = models.CharField(max_length=USERNAME_MAX_LENGTH)


class FeedPost(models.Model):
    id = models.BigIntegerField(primary_key=True)
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    author_id = models.BigIntegerField()
    author_username = models.CharField(max_length=USERNAME_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["-created_at", "-id"], name="feed_newest_first")]


class FeedComment(models.Model):
    """A comment at the newest version seen; an older version arriving late is ignored."""

    id = models.BigIntegerField(primary_key=True)
    post_id = models.BigIntegerField()
    content = models.TextField()
    status = models.CharField(max_length=16)
    version = models.PositiveIntegerField()
    author_id = models.BigIntegerField()
    author_username = models.CharField(max_length=USERNAME_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["post_id", "id"], name="feed_comment_by_post")]
