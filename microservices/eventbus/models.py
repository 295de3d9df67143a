"""The event store: every event once, numbered in the order it was stored."""

from django.db import models


class StoredEvent(models.Model):
    seq = models.BigAutoField(primary_key=True)
    event_id = models.UUIDField(unique=True)
    type = models.CharField(max_length=64)
    envelope = models.JSONField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["type", "seq"], name="stored_by_type")]
