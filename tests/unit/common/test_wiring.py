"""Views refuse, when the URL conf loads, a build that forgets a function or passes one that
takes other arguments (common/api/wiring.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from common.feed.api import FeedApi
from common.posts.api import PostCollectionApi


def feed_page(page, read_after=None):
    return (0, [])


def post_create(*, author, title):
    raise AssertionError("not called here")


def test_a_view_wired_without_its_function_is_refused():
    with pytest.raises(ImproperlyConfigured, match="feed_page"):
        FeedApi.as_view()


def test_a_function_that_takes_other_arguments_is_refused():
    def by_number(*, number):
        return (0, [])

    with pytest.raises(ImproperlyConfigured, match="page"):
        FeedApi.as_view(feed_page=by_number)


def test_a_path_with_two_operations_needs_both_functions():
    with pytest.raises(ImproperlyConfigured, match="post_create"):
        PostCollectionApi.as_view(feed_page=feed_page)
    assert callable(PostCollectionApi.as_view(feed_page=feed_page, post_create=post_create))


def test_the_schema_describes_a_view_without_wiring_it():
    assert callable(PostCollectionApi.described())
