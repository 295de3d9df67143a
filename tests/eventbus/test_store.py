"""The event store of microservices/eventbus/store.py on a real database."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from common.events.envelope import ContractError, Envelope
from common.events.inbox import park
from common.users.domain import User
from common.users.events import UserRegistered
from microservices.eventbus.models import StoredEvent
from microservices.eventbus.store import append, head, read_after, stored_ids, tally
from tests.support.explain import assert_bounded_index_scan, queries_of, require_postgres
from tests.support.sample_events import post_created

pytestmark = pytest.mark.django_db


def test_an_event_is_stored_once_and_numbered_in_order():
    first, second = post_created(), post_created()
    stored = [append(first), append(second)]
    assert append(first) is None, "a copy already stored is dismissed"
    assert stored[0].seq < stored[1].seq
    read = read_after(0, types=None, limit=10, settled_seconds=None)
    assert [str(e.event_id) for e in read] == [first["id"], second["id"]]


def test_a_copy_takes_neither_the_lock_nor_a_number():
    first = post_created()
    before = append(first)
    copy: list = []
    queries = queries_of(lambda: copy.append(append(first)))
    assert copy == [None], "a copy already stored is dismissed"
    assert not any("LOCK" in sql or "INSERT" in sql for sql in queries), queries
    assert append(post_created()).seq == before.seq + 1


def test_reading_filters_by_type_and_position():
    post = append(post_created())
    registered = UserRegistered.of(User(id=1, username="a", registered_at=timezone.now()))
    user = append(Envelope.of(registered).to_dict())
    assert read_after(0, types=["UserRegistered"], limit=10, settled_seconds=None) == [user]
    assert read_after(post.seq, types=None, limit=10, settled_seconds=None) == [user]


def test_settled_reading_stops_at_the_first_event_that_is_too_new():
    old, new, old_again = append(post_created()), append(post_created()), append(post_created())
    an_hour_ago = timezone.now() - timedelta(hours=1)
    StoredEvent.objects.filter(seq__in=[old.seq, old_again.seq]).update(stored_at=an_hour_ago)
    # `old_again` looks settled, but comes after `new`, which is not: a cursor must stop.
    assert read_after(0, types=None, limit=10, settled_seconds=60) == [old]
    assert new.seq < old_again.seq


def test_the_tally_sums_up_what_settled_reading_would_return():
    old, _, old_again = append(post_created()), append(post_created()), append(post_created())
    registered = UserRegistered.of(User(id=3, username="c", registered_at=timezone.now()))
    user = append(Envelope.of(registered).to_dict())
    an_hour_ago = timezone.now() - timedelta(hours=1)
    StoredEvent.objects.filter(seq__in=[old.seq, old_again.seq]).update(stored_at=an_hour_ago)
    assert tally(0, types=None, settled_seconds=None) == (user.seq, 4)
    assert tally(old.seq, types=["PostCreated"], settled_seconds=None) == (old_again.seq, 2)
    assert tally(0, types=["PostCreated"], settled_seconds=60) == (old.seq, 1)
    assert tally(old.seq, types=["PostCreated"], settled_seconds=60) == (old.seq, 0)
    assert tally(user.seq, types=None, settled_seconds=None) == (user.seq, 0)


def test_the_relay_is_told_which_events_are_done_stored_or_parked():
    stored, parked, unknown = post_created(), post_created(), post_created()
    append(stored)
    park(parked, None, ContractError("broken"), attempts=1)
    assert set(stored_ids([stored["id"], parked["id"], unknown["id"]])) == {
        stored["id"],
        parked["id"],
    }


def test_the_head_is_the_newest_position_among_the_types_asked():
    assert head(None) == 0 and head(["PostCreated"]) == 0
    post = append(post_created())
    registered = UserRegistered.of(User(id=2, username="b", registered_at=timezone.now()))
    user = append(Envelope.of(registered).to_dict())
    assert head(None) == user.seq
    assert head(["PostCreated"]) == post.seq
    assert head(["PostCreated", "UserRegistered", "CommentCreated"]) == user.seq


def test_reading_several_types_merges_them_in_store_order_up_to_the_limit():
    registered = [
        Envelope.of(UserRegistered.of(User(id=n, username=f"u{n}", registered_at=timezone.now())))
        for n in range(1, 4)
    ]
    stored = []
    for user in registered:
        stored += [append(post_created()), append(user.to_dict())]
    both = ["PostCreated", "UserRegistered"]
    assert read_after(0, types=both, limit=10, settled_seconds=None) == stored
    assert read_after(0, types=both, limit=3, settled_seconds=None) == stored[:3]
    assert read_after(stored[2].seq, types=both, limit=2, settled_seconds=None) == stored[3:5]


def test_a_typed_read_deep_in_a_large_store_reads_only_its_own_rows():
    require_postgres()
    table = StoredEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (event_id, type, envelope, stored_at) "
            "SELECT gen_random_uuid(), (ARRAY['PostCreated','CommentCreated','CommentUpdated',"
            "'CommentModerated'])[1 + n % 4], '{}', now() FROM generate_series(1, 40000) AS n"
        )
        cursor.execute(f"ANALYZE {table}")
        cursor.execute(f"SELECT min(seq) FROM {table}")
        (first,) = cursor.fetchone()
    types = ["CommentUpdated", "PostCreated"]
    runs = queries_of(
        lambda: read_after(first + 20000, types=types, limit=100, settled_seconds=None)
    )
    assert len(runs) == len(types) + 1, "the positions of each type, then the events"
    for sql in runs:
        # Through (type, seq), or through seq passing over the other types between two of
        # these: either way bounded by the limit, not by the store's size.
        assert_bounded_index_scan(sql, table=table, most_rows=4 * 100)
