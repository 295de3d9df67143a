"""The feed from the read model: the same three queries per page as in the monolith, over
tables that already hold the author's name (no join with any users table)."""

from common.feed.paging import Page
from common.feed.query import FeedPage, feed_page_from
from microservices.query.models import FeedComment, FeedPost

AUTHOR_FIELDS = ("created_at", "author_id", "author_username")


def feed_page(page: Page) -> FeedPage:
    return feed_page_from(
        page,
        posts=FeedPost.objects.values("id", "title", *AUTHOR_FIELDS),
        comments=FeedComment.objects.values("id", "post_id", "content", "status", *AUTHOR_FIELDS),
    )
