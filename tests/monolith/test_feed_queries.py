"""The feed reads a page in two queries, and neither depends on how many posts exist."""

import pytest
from django.db import connection

from common.feed.paging import Cursor, Page
from monolith.comments.models import Comment
from monolith.comments.selectors import comment_list
from monolith.feed.selectors import feed_page
from monolith.posts.models import Post
from tests.support.explain import assert_bounded_index_scan, queries_of, require_postgres


def _fill(author, posts: int, comments_each: int) -> None:
    created = Post.objects.bulk_create(
        Post(title=f"post {n}", author_id=author.user_id) for n in range(posts)
    )
    Comment.objects.bulk_create(
        Comment(post=post, author_id=author.user_id, content=f"c{n}", status="approved")
        for post in created
        for n in range(comments_each)
    )


@pytest.mark.parametrize(("posts", "comments_each"), [(1, 0), (10, 1), (100, 5)])
def test_a_feed_page_takes_two_queries(author, django_assert_num_queries, posts, comments_each):
    _fill(author, posts, comments_each)
    with django_assert_num_queries(2):
        page = feed_page(Page(100))
    assert len(page.posts) == posts
    assert sum(len(p["comments"]) for p in page.posts) == posts * comments_each
    assert page.next is None and page.previous is None


def test_every_page_after_the_first_takes_two_queries_too(author, django_assert_num_queries):
    _fill(author, 30, 1)
    first = feed_page(Page(10))
    with django_assert_num_queries(2):
        second = feed_page(Page(10, first.next))
    assert len(second.posts) == 10 and second.previous is not None
    with django_assert_num_queries(2):
        back = feed_page(Page(10, second.previous))
    assert back.posts == first.posts


def test_the_whole_request_stays_at_two_queries(author, client, django_assert_num_queries):
    _fill(author, 100, 5)
    with django_assert_num_queries(2):
        response = client.get("/posts?page_size=100")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100


def test_a_page_past_the_end_takes_one_query(author, django_assert_num_queries):
    _fill(author, 3, 1)
    oldest = Post.objects.order_by("created_at", "id").values("created_at", "id").first()
    with django_assert_num_queries(1):
        assert feed_page(Page(10, Cursor.at(oldest))).posts == []


POSTS = 30_000


@pytest.fixture
def many_posts(author):
    """Posts a second apart, each with one comment, written by SQL and analysed, so the
    planner sees a table of this size."""
    require_postgres()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Post._meta.db_table} (title, author_id, created_at) "
            "SELECT 'post ' || n, %s, now() - n * interval '1 second' "
            "FROM generate_series(1, %s) AS n",
            [author.user_id, POSTS],
        )
        cursor.execute(
            f"INSERT INTO {Comment._meta.db_table} "
            "(post_id, author_id, content, status, created_at) "
            f"SELECT id, %s, 'c', 'approved', created_at FROM {Post._meta.db_table}",
            [author.user_id],
        )
        cursor.execute(f"ANALYZE {Post._meta.db_table}")
        cursor.execute(f"ANALYZE {Comment._meta.db_table}")


@pytest.mark.parametrize("depth", [0, POSTS // 2, POSTS - 25])
def test_a_page_at_any_depth_reads_only_its_own_rows_through_the_index(many_posts, depth):
    row = (
        Post.objects.order_by("-created_at", "-id").values("created_at", "id")[depth]
        if depth
        else None
    )
    cursor = Cursor.at(row) if row else None
    posts_sql, comments_sql = queries_of(lambda: feed_page(Page(20, cursor)))
    # 20 posts, one more to know there is a next page, and the cursor's own post passed over
    assert_bounded_index_scan(posts_sql, table=Post._meta.db_table, most_rows=22)
    assert_bounded_index_scan(comments_sql, table=Comment._meta.db_table, most_rows=40)


def test_a_page_back_reads_only_its_own_rows_too(many_posts):
    row = Post.objects.order_by("-created_at", "-id").values("created_at", "id")[POSTS // 2]
    (posts_sql, _) = queries_of(lambda: feed_page(Page(20, Cursor.at(row, before=True))))
    assert_bounded_index_scan(posts_sql, table=Post._meta.db_table, most_rows=22)


def test_a_page_of_comments_reads_only_its_own_rows(many_posts, author):
    post = Post.objects.order_by("id").values_list("id", flat=True)[POSTS // 2]
    (sql,) = queries_of(lambda: comment_list(post_id=post, after=0, limit=101))
    assert_bounded_index_scan(sql, table=Comment._meta.db_table, most_rows=101)
