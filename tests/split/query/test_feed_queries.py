"""The read model serves a feed page in two queries, and neither depends on how many posts
the read model holds."""

import pytest
from django.db import connection

from common.feed.paging import Cursor, Page
from microservices.query.models import FeedComment, FeedPost
from microservices.query.selectors import feed_page
from tests.support.explain import assert_bounded_index_scan, queries_of, require_postgres

pytestmark = pytest.mark.django_db

POSTS = 30_000


def test_a_page_takes_two_queries(django_assert_num_queries):
    FeedPost.objects.bulk_create(
        FeedPost(id=n, title="t", author_id=1, author_username="a", created_at="2026-01-01T00:00Z")
        for n in range(1, 31)
    )
    with django_assert_num_queries(2):
        first = feed_page(Page(10))
    with django_assert_num_queries(2):
        second = feed_page(Page(10, first.next))
    assert [p["id"] for p in first.posts] == list(range(30, 20, -1))
    assert [p["id"] for p in second.posts] == list(range(20, 10, -1))


@pytest.fixture
def many_posts():
    require_postgres()
    posts, comments = FeedPost._meta.db_table, FeedComment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {posts} (id, title, author_id, author_username, created_at) "
            "SELECT n, 'post ' || n, 1, 'a', now() - n * interval '1 second' "
            "FROM generate_series(1, %s) AS n",
            [POSTS],
        )
        cursor.execute(
            f"INSERT INTO {comments} (id, post_id, content, status, version, author_id, "
            "author_username, created_at) "
            f"SELECT id, id, 'c', 'approved', 3, 1, 'a', created_at FROM {posts}"
        )
        cursor.execute(f"ANALYZE {posts}")
        cursor.execute(f"ANALYZE {comments}")


@pytest.mark.parametrize("depth", [0, POSTS // 2, POSTS - 25])
def test_a_page_at_any_depth_reads_only_its_own_rows_through_the_index(many_posts, depth):
    row = FeedPost.objects.order_by("-created_at", "-id").values("created_at", "id")[depth]
    cursor = Cursor.at(row) if depth else None
    posts_sql, comments_sql = queries_of(lambda: feed_page(Page(20, cursor)))
    assert_bounded_index_scan(posts_sql, table=FeedPost._meta.db_table, most_rows=22)
    assert_bounded_index_scan(comments_sql, table=FeedComment._meta.db_table, most_rows=40)
