"""Routes of the query service: the feed."""

from django.urls import include, path

from common.api.urls import handler400, handler404, handler500  # noqa: F401
from common.feed.api import FeedApi
from microservices.query.selectors import feed_page

urlpatterns = [
    path("posts", FeedApi.as_view(feed_page=feed_page)),
    path("", include("common.api.urls")),
]
