"""URLs every process serves besides its own: the schema, the health check, the web
client's configuration, metrics, JSON errors."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from common.api.client_config import client_config
from common.api.health import health, live
from common.metrics.exposition import metrics

urlpatterns = [
    path("schema", SpectacularAPIView.as_view(urlconf="common.api.contract"), name="schema"),
    path("health", health, name="health"),
    path("health/live", live, name="live"),
    path("client-config.json", client_config, name="client-config"),
    path("metrics", metrics, name="metrics"),
]

handler400 = "common.api.errors.bad_request_handler"
handler404 = "common.api.errors.not_found_handler"
handler500 = "common.api.errors.server_error_handler"
