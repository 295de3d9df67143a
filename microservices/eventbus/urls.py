"""Routes of the event bus service."""

from django.urls import include, path

from common.api.urls import handler400, handler404, handler500  # noqa: F401
from microservices.eventbus.api import EventsApi, HeadApi, StoredIdsApi, TallyApi

urlpatterns = [
    path("events", EventsApi.as_view()),
    path("events/head", HeadApi.as_view()),
    path("events/tally", TallyApi.as_view()),
    path("events/stored", StoredIdsApi.as_view()),
    path("", include("common.api.urls")),
]
