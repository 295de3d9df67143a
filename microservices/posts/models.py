"""A post, owned here. The author is copied from the token: this service has no users table."""

from django.db import models

from common.limits import TITLE_MAX_LENGTH, USERNAME_MAX_LENGTH
from common.posts.domain import Post as PostValue
from common.users.domain import Author


class Post(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    author_id = models.BigIntegerField()
    author_username = models.CharField(max_length=USERNAME_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    def as_post(self) -> PostValue:
        return PostValue.of(self, author=Author(id=self.author_id, username=self.author_username))
