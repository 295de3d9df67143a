"""Cursors and links of common/feed/paging.py."""

import re
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.feed.paging import CURSOR_PATTERN, Cursor, InvalidCursor, Page

AT = datetime(2026, 12, 6, 23, 44, 13, 123456, tzinfo=UTC)


@given(
    created_at=st.datetimes(
        min_value=datetime(1970, 1, 1), max_value=datetime(5000, 1, 1), timezones=st.just(UTC)
    ),
    post_id=st.integers(min_value=1, max_value=10**18 - 1),
    before=st.booleans(),
)
def test_a_cursor_decodes_to_the_position_it_was_made_from(created_at, post_id, before):
    cursor = Cursor(created_at, post_id, before=before)
    assert Cursor.decode(cursor.encode()) == cursor


def test_a_cursor_is_url_safe_and_matches_the_schema_pattern():
    token = Cursor(datetime(5000, 1, 1, tzinfo=UTC), 10**18 - 1, before=True).encode()
    assert re.fullmatch(CURSOR_PATTERN, token)
    assert quote(token, safe="") == token


@pytest.mark.parametrize(
    "token",
    [
        "",
        "x",
        "a1.0",  # no post 0
        "c1.1",  # no such direction
        "a01.1",  # a leading zero is not how cursors are written
        "a1.1000000000000000000",  # above the longest id
        "a100000000000000000.1",  # past the latest time
        "a-1.1",
        "a1.1 ",
        "a1.1\n",
        " a1.1",
        "a1.1.1",
    ],
)
def test_anything_the_api_did_not_make_is_refused(token):
    assert not re.fullmatch(CURSOR_PATTERN, token)
    with pytest.raises(InvalidCursor):
        Cursor.decode(token)


def test_links_carry_the_cursor_and_the_page_size():
    page = Page(10)
    body = page.body(
        path="/posts", results=[], next=Cursor(AT, 5), previous=Cursor(AT, 9, before=True)
    )
    assert body["next"] == f"/posts?cursor={Cursor(AT, 5).encode()}&page_size=10"
    assert body["previous"] == f"/posts?cursor={Cursor(AT, 9, before=True).encode()}&page_size=10"
    assert set(body) == {"page_size", "next", "previous", "results"}


def test_no_position_means_no_link():
    body = Page(20).body(path="/posts", results=[], next=None, previous=None)
    assert (body["next"], body["previous"]) == (None, None)
