"""Catch-up (common/events/catchup.py) in-process, under the query service's settings, with
the bus's store answering through a stand-in for its HTTP API."""

import psycopg
import pytest
from django.db import connection
from django.test import override_settings

from common.events import bus_client
from common.events.catchup import CATCH_UP_LOCK, CatchUp
from common.events.models import CatchUpCursor, DeadLetter, ProcessedEvent
from common.posts.events import PostCreated
from microservices.query.handlers import HANDLERS
from microservices.query.models import FeedPost
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db


class Store:
    """The bus's store as `bus_client.events_after` and `tally` read it: events numbered
    1, 2, ..."""

    def __init__(self, events: list[dict]):
        self.items = [{"seq": n, "event": e} for n, e in enumerate(events, start=1)]
        self.asked: list[tuple] = []

    def events_after(self, position, *, types, limit, settled_seconds=None):
        self.asked.append((position, types, limit))
        return self._after(position, types)[:limit]

    def tally(self, position, *, types, settled_seconds=None):
        after = self._after(position, types)
        return (after[-1]["seq"] if after else position), len(after)

    def _after(self, position, types):
        return [i for i in self.items if i["seq"] > position and i["event"]["type"] in types]


def _posts(count: int) -> list[dict]:
    events = []
    for n in range(count):
        event = post_created()
        event["data"]["post_id"] = event["aggregate"]["id"] = 100 + n
        events.append(event)
    return events


@pytest.fixture
def store(monkeypatch):
    def install(events):
        fake = Store(events)
        monkeypatch.setattr(bus_client, "events_after", fake.events_after)
        monkeypatch.setattr(bus_client, "tally", fake.tally)
        return fake

    return install


def _cursor() -> int:
    return CatchUpCursor.objects.get(name="bus").position


def test_everything_missed_is_applied_in_batches_and_the_cursor_follows(store):
    fake = store(_posts(5))
    assert CatchUp(HANDLERS, batch=2).run(settled_seconds=None) == 5
    assert FeedPost.objects.count() == 5 and _cursor() == 5
    assert [asked[0] for asked in fake.asked] == [0, 2, 4]
    assert set(fake.asked[0][1]) == set(t.TYPE for t in HANDLERS)


def test_when_everything_was_handled_live_the_cursor_moves_without_reading(store):
    events = _posts(3)
    fake = store(events)
    for seq, event in enumerate(events, start=1):
        ProcessedEvent.objects.create(event_id=event["id"], seq=seq)
    assert CatchUp(HANDLERS).run(settled_seconds=None) == 0
    assert _cursor() == 3 and fake.asked == [], "the tally matched: no event was read"


def test_what_was_already_handled_live_is_skipped(store):
    events = _posts(3)
    store(events)
    ProcessedEvent.objects.create(event_id=events[1]["id"], seq=2)
    assert CatchUp(HANDLERS).run(settled_seconds=None) == 2
    assert _cursor() == 3


def test_a_failing_event_stops_the_pass_then_is_parked_after_its_retries(store, monkeypatch):
    events = _posts(3)
    store(events)
    broken = events[1]["id"]
    real = HANDLERS[PostCreated]

    def fails_on_one(event):
        if event.id == broken:
            raise RuntimeError("cannot apply")
        real(event)

    handlers = {**HANDLERS, PostCreated: fails_on_one}
    catch_up = CatchUp(handlers)
    with override_settings(TANDEM_EVENT_MAX_RETRIES=2):
        assert catch_up.run(settled_seconds=None) == 1
        assert _cursor() == 1, "the cursor stops before the failing event"
        assert catch_up.run(settled_seconds=None) == 0
        assert catch_up.run(settled_seconds=None) == 2, "parked on the third failure, then on"
    assert _cursor() == 3 and FeedPost.objects.count() == 2
    letter = DeadLetter.objects.get()
    assert (str(letter.event_id), letter.seq, letter.attempts) == (broken, 2, 3)


def test_a_pass_while_another_process_catches_up_leaves_it_to_that_one(store):
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; one process owns an SQLite file")
    fake = store(_posts(3))
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [CATCH_UP_LOCK])
        assert CatchUp(HANDLERS).run(settled_seconds=None) == 0
        assert fake.asked == [] and not FeedPost.objects.exists()
        other.execute("SELECT pg_advisory_unlock(%s)", [CATCH_UP_LOCK])
    assert CatchUp(HANDLERS).run(settled_seconds=None) == 3
