"""GET /posts: one page of the feed, for whichever build wires it."""

from __future__ import annotations

from typing import Protocol

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from common.api.schemas import ErrorSerializer
from common.api.wiring import WiredApi
from common.feed.paging import Page, PageQuery
from common.feed.query import FeedPage
from common.feed.representation import PostPageSerializer


class FeedRead(Protocol):
    def __call__(self, *, page: Page) -> FeedPage: ...


class FeedApi(WiredApi):
    wants = {"feed_page": FeedRead}

    @extend_schema(
        parameters=[PageQuery],
        responses={200: PostPageSerializer, 400: ErrorSerializer},
        operation_id="posts_list",
        auth=[],
    )
    def get(self, request):
        page = Page.from_request(request)
        count, posts = self.feed_page(page=page)
        return Response(page.body(path=request.path, count=count, results=posts))
