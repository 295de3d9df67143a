"""The verdicts this service gave, one per comment."""

from django.db import models


class Verdict(models.Model):
    comment_id = models.BigIntegerField(unique=True)
    post_id = models.BigIntegerField()
    status = models.CharField(max_length=16)
    reason = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)
