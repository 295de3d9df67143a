"""Reads a page of the feed in three queries, whatever the page size: count, posts, comments."""

from django.db.models import Prefetch

from common.api.pagination import Page
from common.api.representations import post_repr
from monolith.comments.models import Comment
from monolith.comments.selectors import comment_to_dict
from monolith.posts.models import Post
from monolith.users.representations import author_repr


def feed_page(page: Page) -> tuple[int, list[dict]]:
    count = Post.objects.count()
    if page.offset >= count:
        return count, []
    comments = Comment.objects.select_related("author").order_by("id")
    posts = (
        Post.objects.select_related("author")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("-created_at", "-id")[page.offset : page.offset + page.size]
    )
    return count, [
        post_repr(
            post_id=post.pk,
            title=post.title,
            author=author_repr(post.author),
            created_at=post.created_at,
            comments=[comment_to_dict(c) for c in post.comments.all()],
        )
        for post in posts
    ]
