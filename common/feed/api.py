"""GET /posts: one page of the feed, for whichever build wires it."""

from __future__ import annotations

from typing import Protocol

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.feed.paging import Page, PageQuery
from common.feed.query import FeedPage
from common.feed.read_after import HEADER, TOKEN_PATTERN, post_to_read_after
from common.feed.representation import PostPageSerializer


class FeedRead(Protocol):
    """One page of the feed; with `read_after`, a page that knows of that post (the caller
    wrote it), however far the build's copy of the posts has got."""

    def __call__(self, *, page: Page, read_after: int | None) -> FeedPage: ...


class FeedApi(WiredApi):
    wants = {"feed_page": FeedRead}

    @extend_schema(
        parameters=[
            PageQuery,
            OpenApiParameter(
                HEADER,
                {"type": "string", "pattern": TOKEN_PATTERN},
                OpenApiParameter.HEADER,
                description="The token `POST /posts` answered with: the page then knows of "
                "that post (read-your-writes).",
            ),
        ],
        responses={200: PostPageSerializer, 400: ErrorSerializer},
        operation_id="posts_list",
        auth=[],
    )
    def get(self, request):
        page = Page.from_request(request)
        feed = self.feed_page(page=page, read_after=post_to_read_after(request))
        return Response(
            page.body(path=request.path, results=feed.posts, next=feed.next, previous=feed.previous)
        )
