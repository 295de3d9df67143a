"""The feed reads a page in a fixed number of queries, however many posts and comments."""

import pytest

from common.feed.paging import Page
from monolith.comments.models import Comment
from monolith.feed.selectors import feed_page
from monolith.posts.models import Post


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
def test_a_feed_page_takes_three_queries(author, django_assert_num_queries, posts, comments_each):
    _fill(author, posts, comments_each)
    with django_assert_num_queries(3):
        count, page = feed_page(Page(1, 100))
    assert count == posts
    assert sum(len(p["comments"]) for p in page) == posts * comments_each


def test_the_whole_request_stays_at_three_queries(author, client, django_assert_num_queries):
    _fill(author, 100, 5)
    with django_assert_num_queries(3):
        response = client.get("/posts?page_size=100")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 100


def test_a_page_past_the_end_takes_one_query(author, django_assert_num_queries):
    _fill(author, 3, 1)
    with django_assert_num_queries(1):
        assert feed_page(Page(5, 10)) == (3, [])
