"""Routes of the moderation service: it serves no public path, only health and the schema."""

from django.urls import include, path

from common.api.urls import handler400, handler404, handler500  # noqa: F401

urlpatterns = [path("", include("common.api.urls"))]
