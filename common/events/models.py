"""The tables every service of the split build keeps in its own database to move events
reliably: what it still has to publish, what it has already handled, what it gave up on,
and how far it has read the event store."""

from django.db import models
from django.utils import timezone

#: The `CatchUpCursor` row that holds the inbox's retention mark (common/events/retention.py).
RETENTION_MARK = "inbox-retention"


class OutboxEvent(models.Model):
    """An event written in the same transaction as the change it records.

    The row stays unconfirmed until the event bus says it has stored the event; the relay
    publishes it again, with backoff, until then.
    """

    id = models.UUIDField(primary_key=True)
    envelope = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(confirmed_at__isnull=True),
                name="outbox_unconfirmed",
            ),
            # What retention deletes, found without reading the rest of the table.
            models.Index(
                fields=["confirmed_at"],
                condition=models.Q(confirmed_at__isnull=False),
                name="outbox_confirmed",
            ),
        ]


class ProcessedEvent(models.Model):
    """The inbox: an event id is written in the same transaction as the handler's effect,
    so a redelivered event finds its id here and changes nothing."""

    event_id = models.UUIDField(primary_key=True)
    seq = models.BigIntegerField(null=True)
    processed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The newest position applied, for the consumer's lag (common/metrics/delivery.py).
        indexes = [models.Index(fields=["seq"], name="processed_by_seq")]


class DeadLetter(models.Model):
    """An event whose handler failed on every attempt, parked so the events behind it flow.

    `python -m microservices.<service> deadletters` lists them and redrives them.
    """

    event_id = models.UUIDField(unique=True)
    seq = models.BigIntegerField(null=True)
    event_type = models.CharField(max_length=64)
    envelope = models.JSONField()
    error = models.TextField()
    attempts = models.PositiveIntegerField(default=1)
    parked_at = models.DateTimeField(default=timezone.now)


class CatchUpCursor(models.Model):
    """How far this service has read the event store when catching up (`bus`), and up to
    which position its inbox may have forgotten handled ids (`RETENTION_MARK`)."""

    name = models.CharField(max_length=32, primary_key=True)
    position = models.BigIntegerField(default=0)
