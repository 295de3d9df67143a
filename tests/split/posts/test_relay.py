"""The relay (common/events/relay.py) in-process: what it confirms, what it publishes again
and when, with the bus's store answering through a stand-in for its HTTP API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from common.events import bus_client, relay, retention
from common.events.delivery import INGEST_TASK, RELAY_BACKOFF
from common.events.models import OutboxEvent
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db
NO_GRACE = timedelta(0)


def _rows(count: int) -> list[OutboxEvent]:
    an_hour_ago = timezone.now() - timedelta(hours=1)
    return [
        OutboxEvent.objects.create(id=e["id"], envelope=e, created_at=an_hour_ago)
        for e in (post_created() for _ in range(count))
    ]


@pytest.fixture
def store(monkeypatch) -> set[str]:
    """The ids the bus's store holds; the relay asks it which of its rows are there."""
    held: set[str] = set()
    monkeypatch.setattr(bus_client, "stored_ids", lambda ids: held & set(ids))
    return held


def test_stored_events_are_confirmed_and_the_others_published_again(store, published):
    kept, lost = _rows(2)
    store.add(str(kept.id))
    assert relay.relay_once(grace=NO_GRACE) == (1, 1)
    kept.refresh_from_db(), lost.refresh_from_db()
    assert kept.confirmed_at is not None and kept.attempts == 0
    assert lost.confirmed_at is None and lost.attempts == 1
    assert published() == [(INGEST_TASK, [lost.envelope])]


def test_an_event_published_again_waits_for_its_backoff(store, published):
    (row,) = _rows(1)
    relay.relay_once(grace=NO_GRACE)
    row.refresh_from_db()
    waited = (row.next_attempt_at - timezone.now()).total_seconds()
    assert RELAY_BACKOFF.delay(0) - 1 < waited <= RELAY_BACKOFF.delay(0)
    assert relay.relay_once(grace=NO_GRACE) == (0, 0), "not again before the backoff"
    assert len(published()) == 1


def test_rows_younger_than_the_grace_period_are_left_to_the_first_hand_off(store, published):
    (row,) = _rows(1)
    OutboxEvent.objects.filter(pk=row.pk).update(created_at=timezone.now())
    assert relay.relay_once(grace=timedelta(seconds=60)) == (0, 0)
    assert published() == []


def test_a_bus_that_cannot_answer_gets_no_copies_until_it_can(monkeypatch, store, published):
    def unreachable(ids):
        raise bus_client.BusUnavailable("connection refused")

    rows = _rows(2)
    monkeypatch.setattr(bus_client, "stored_ids", unreachable)
    for _ in range(3):
        with pytest.raises(bus_client.BusUnavailable):
            relay.relay_once(grace=NO_GRACE)
    assert published() == []
    assert {row.attempts for row in OutboxEvent.objects.all()} == {0}, "still due, untouched"
    monkeypatch.setattr(bus_client, "stored_ids", lambda ids: store & set(ids))
    store.add(str(rows[0].id))
    assert relay.relay_once(grace=NO_GRACE) == (1, 1), "once it answers: confirm, publish the rest"


def test_a_publish_redis_refuses_stops_the_pass_and_charges_nothing(store, published, monkeypatch):
    _rows(3)
    sent = []

    def broker_fails_on_the_second(event):
        if len(sent) == 1:
            raise ConnectionError("redis is down")
        sent.append(event["id"])

    monkeypatch.setattr(relay, "send_to_bus", broker_fails_on_the_second)
    with pytest.raises(relay.BrokerUnavailable):
        relay.relay_once(grace=NO_GRACE)
    after = {str(row.pk): row for row in OutboxEvent.objects.all()}
    (first,) = (after[event_id] for event_id in sent)
    assert first.attempts == 1 and first.next_attempt_at > timezone.now()
    unsent = [row for row in after.values() if row is not first]
    assert [row.attempts for row in unsent] == [0, 0], "not sent: not charged"
    assert all(row.next_attempt_at <= timezone.now() for row in unsent)
    assert sum("redis is down" in row.last_error for row in unsent) == 1

    monkeypatch.setattr(relay, "send_to_bus", lambda event: sent.append(event["id"]))
    assert relay.relay_once(grace=NO_GRACE) == (0, 2), "once Redis answers, the rest go at once"


def test_confirmed_rows_are_pruned_after_a_day(store):
    old, recent = _rows(2)
    OutboxEvent.objects.filter(pk=old.pk).update(confirmed_at=timezone.now() - timedelta(days=2))
    OutboxEvent.objects.filter(pk=recent.pk).update(confirmed_at=timezone.now())
    assert retention.prune_confirmed(older_than=timedelta(days=1)) == 1
    assert [str(pk) for pk in OutboxEvent.objects.values_list("pk", flat=True)] == [recent.pk]


def test_a_bus_that_is_behind_gets_one_copy_of_a_row_until_it_is_old(monkeypatch, store, published):
    monkeypatch.setattr(relay, "_bus_behind", lambda: True)
    fresh, again, old = _rows(3)
    now = timezone.now()
    OutboxEvent.objects.filter(pk=fresh.pk).update(created_at=now - timedelta(seconds=30))
    OutboxEvent.objects.filter(pk=again.pk).update(
        created_at=now - timedelta(seconds=30), attempts=1, next_attempt_at=now
    )
    OutboxEvent.objects.filter(pk=old.pk).update(attempts=3, next_attempt_at=now)
    assert relay.relay_once(grace=NO_GRACE) == (0, 2)
    assert {e["id"] for _, (e,) in published()} == {str(fresh.id), str(old.id)}


def test_rows_held_back_for_a_bus_that_is_behind_let_the_next_ones_be_confirmed(
    monkeypatch, store, published
):
    monkeypatch.setattr(relay, "_bus_behind", lambda: True)
    first, second, stored = _rows(3)
    now = timezone.now()
    for held, age in ((first, 3), (second, 2)):  # published once, younger than the limit
        OutboxEvent.objects.filter(pk=held.pk).update(
            created_at=now - timedelta(minutes=age), attempts=1, next_attempt_at=now
        )
    OutboxEvent.objects.filter(pk=stored.pk).update(created_at=now - timedelta(minutes=1))
    store.add(str(stored.id))
    assert relay.relay_once(grace=NO_GRACE, batch=2) == (0, 0)
    assert relay.relay_once(grace=NO_GRACE, batch=2) == (1, 0)
    first.refresh_from_db()
    assert first.next_attempt_at > now + relay.BEHIND_PATIENCE / 2, "looked at again later"
    assert published() == []
