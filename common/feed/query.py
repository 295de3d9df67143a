"""Reading one page of the feed, the same way in both builds: count, one page of posts, and
the comments of those posts, whatever the page size. Each build passes its own querysets,
already reduced to the row keys of `common.feed.representation.posts_from_rows`."""

from typing import NamedTuple

from django.db.models import QuerySet

from common.feed.paging import Page
from common.feed.representation import posts_from_rows


class FeedPage(NamedTuple):
    #: how many posts there are in all
    count: int
    #: the page's posts, newest first, each with its comments, as the API shows them
    posts: list[dict]


def feed_page_from(page: Page, *, posts: QuerySet, comments: QuerySet) -> FeedPage:
    count = posts.count()
    if page.offset >= count:
        return FeedPage(count, [])
    rows = list(posts.order_by("-created_at", "-id")[page.offset : page.offset + page.size])
    comment_rows = comments.filter(post_id__in=[row["id"] for row in rows]).order_by("id")
    return FeedPage(count, posts_from_rows(rows, comment_rows))
