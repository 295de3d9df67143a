"""A post: a title by an author. Its comments live in the comments app and point here."""

from django.db import models

from common.limits import TITLE_MAX_LENGTH


class Post(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey("users.User", on_delete=models.PROTECT, related_name="posts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["-created_at", "-id"], name="post_newest_first")]

    def __str__(self):
        return self.title
