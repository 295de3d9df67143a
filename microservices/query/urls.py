"""Routes of the query service: the feed."""

from django.urls import include, path

from common.api import views
from common.api.urls import handler400, handler404, handler500  # noqa: F401
from microservices.query.selectors import feed_page

urlpatterns = [
    path("posts", views.FeedApi.as_view(feed_page=feed_page)),
    path("", include("common.api.urls")),
]
