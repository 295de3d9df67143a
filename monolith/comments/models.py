"""A comment on a post, with the status moderation gave it."""

from django.db import models

from common.comments.domain import STATUS_CHOICES, CommentStatus
from common.limits import CONTENT_MAX_LENGTH


class Comment(models.Model):
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("users.User", on_delete=models.PROTECT, related_name="comments")
    content = models.TextField(max_length=CONTENT_MAX_LENGTH)
    status = models.CharField(
        max_length=16,
        choices=STATUS_CHOICES,
        default=CommentStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["post", "id"], name="comment_by_post")]

    def __str__(self):
        return f"{self.content[:40]} ({self.status})"
