"""The feed from the read model: the same three queries per page as in the monolith, over
tables that already hold the author's name (no join with any users table).

A reader who wrote a post a moment ago sends its token (`read_after`): if the post's event
has not arrived yet, the post is learned from its owner and stored as the event would store
it, so the author's next read shows it (docs/decisions/0012-read-your-writes.md).
"""

from common.feed.paging import Page
from common.feed.query import FeedPage, feed_page_from
from microservices.posts.client import post_facts
from microservices.query.handlers import store_posts
from microservices.query.models import FeedComment, FeedPost

AUTHOR_FIELDS = ("created_at", "author_id", "author_username")


def feed_page(page: Page, read_after: int | None = None) -> FeedPage:
    if read_after is not None and not FeedPost.objects.filter(pk=read_after).exists():
        facts = post_facts(read_after)
        if facts is not None:
            store_posts([facts])
    return feed_page_from(
        page,
        posts=FeedPost.objects.values("id", "title", *AUTHOR_FIELDS),
        comments=FeedComment.objects.values("id", "post_id", "content", "status", *AUTHOR_FIELDS),
    )
