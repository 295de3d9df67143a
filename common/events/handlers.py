"""Finds the event handlers a service declares in its settings (`TANDEM_EVENT_HANDLERS`)."""

from django.conf import settings
from django.utils.module_loading import import_string

from common.events.inbox import Handlers


def service_handlers() -> Handlers:
    path = getattr(settings, "TANDEM_EVENT_HANDLERS", None)
    return import_string(path) if path else {}
