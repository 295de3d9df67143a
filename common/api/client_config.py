"""GET /client-config.json: where the web client sends each path. Empty routes (the
default) mean the page's own origin answers every path: the monolith, or the split stack's
gateway. The split build run as processes on their own ports fills them in (see
microservices/stack.py)."""

from django.conf import settings
from django.http import JsonResponse


def client_config(request):
    return JsonResponse({"routes": settings.TANDEM_CLIENT_ROUTES})
