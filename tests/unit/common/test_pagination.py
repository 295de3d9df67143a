"""Paging of common/feed/paging.py."""

from common.feed.paging import Page


def test_the_offset_follows_the_page_number():
    assert Page(1, 20).offset == 0
    assert Page(3, 20).offset == 40


def test_a_middle_page_links_both_ways():
    body = Page(2, 10).body(path="/posts", count=35, results=list(range(10)))
    assert body["next"] == "/posts?page=3&page_size=10"
    assert body["previous"] == "/posts?page=1&page_size=10"


def test_the_last_page_has_no_next():
    body = Page(4, 10).body(path="/posts", count=35, results=list(range(5)))
    assert body["next"] is None


def test_a_page_past_the_end_is_empty_with_no_next():
    body = Page(9, 10).body(path="/posts", count=35, results=[])
    assert (body["results"], body["next"], body["count"]) == ([], None, 35)
