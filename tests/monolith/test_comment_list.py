"""A post's comments are read a page at a time in one query, the author's name joined in."""

from monolith.comments.selectors import comment_list
from monolith.comments.services import comment_create
from monolith.posts.services import post_create


def test_the_comments_of_a_post_take_one_query(author, django_assert_num_queries):
    post = post_create(author=author, title="t")
    written = [comment_create(author=author, post_id=post.id, content=f"c{n}") for n in range(5)]
    with django_assert_num_queries(1):
        comments = comment_list(post_id=post.id, after=0, limit=10)
    assert comments == written


def test_a_page_starts_after_the_comment_it_is_given(author):
    post = post_create(author=author, title="t")
    written = [comment_create(author=author, post_id=post.id, content=f"c{n}") for n in range(5)]
    assert comment_list(post_id=post.id, after=written[1].id, limit=2) == written[2:4]
