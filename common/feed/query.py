"""Reading one page of the feed, the same way in both builds: the page's posts from a position
in the `(created_at, id)` order, then the comments of those posts. Two queries whatever the
page size, and neither depends on how many posts exist: the posts come from one range scan of
the newest-first index, stopped after `page_size + 1` rows (the extra row tells whether there
is a next page), and the comments from the (post, id) index.

Each build passes its own querysets, already reduced to the row keys of
`common.feed.representation.posts_from_rows`.
"""

from typing import NamedTuple

from django.db.models import Q, QuerySet

from common.feed.paging import Cursor, Page
from common.feed.representation import posts_from_rows


class FeedPage(NamedTuple):
    #: the page's posts, newest first, each with its comments, as the API shows them
    posts: list[dict]
    #: where the older posts start, if there are any
    next: Cursor | None
    #: where the newer posts start, if there are any
    previous: Cursor | None


def posts_around(posts: QuerySet, cursor: Cursor | None) -> QuerySet:
    """The posts on the cursor's side of it, nearest first. The range condition on
    `created_at` is what the index scan starts from; the condition on `id` only breaks a tie
    between posts of the same instant (a row comparison would say it in one, but SQLite and
    Django's ORM do not both speak it)."""
    if cursor is None:
        return posts.order_by("-created_at", "-id")
    at, post_id = cursor.created_at, cursor.id
    if cursor.before:
        newer = posts.filter(Q(created_at__gte=at), Q(created_at__gt=at) | Q(id__gt=post_id))
        return newer.order_by("created_at", "id")
    older = posts.filter(Q(created_at__lte=at), Q(created_at__lt=at) | Q(id__lt=post_id))
    return older.order_by("-created_at", "-id")


def feed_page_from(page: Page, *, posts: QuerySet, comments: QuerySet) -> FeedPage:
    rows = list(posts_around(posts, page.cursor)[: page.size + 1])
    more = len(rows) > page.size
    rows = rows[: page.size]
    if not rows:
        return FeedPage([], None, None)
    backwards = page.cursor is not None and page.cursor.before
    if backwards:
        rows.reverse()
    newer = more if backwards else page.cursor is not None
    older = True if backwards else more
    comment_rows = comments.filter(post_id__in=[row["id"] for row in rows]).order_by("id")
    return FeedPage(
        posts_from_rows(rows, comment_rows),
        next=Cursor.at(rows[-1]) if older else None,
        previous=Cursor.at(rows[0], before=True) if newer else None,
    )
