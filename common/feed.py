"""Reading one page of the feed, the same way in both builds: count, one page of posts, and
the comments of those posts, whatever the page size. Each build passes its own querysets,
already reduced to the row keys of `common.api.representations.posts_from_rows`."""

from django.db.models import QuerySet

from common.api.pagination import Page
from common.api.representations import posts_from_rows


def feed_page_from(page: Page, *, posts: QuerySet, comments: QuerySet) -> tuple[int, list[dict]]:
    count = posts.count()
    if page.offset >= count:
        return count, []
    rows = list(posts.order_by("-created_at", "-id")[page.offset : page.offset + page.size])
    comment_rows = comments.filter(post_id__in=[row["id"] for row in rows]).order_by("id")
    return count, posts_from_rows(rows, comment_rows)
