"""The event handlers a service declares in its settings (`TANDEM_EVENT_HANDLERS`, the dotted
path of a mapping from payload class to function), looked up once per process."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from common.events.inbox import Handlers


@cache
def service_handlers() -> Handlers:
    path = getattr(settings, "TANDEM_EVENT_HANDLERS", None)
    return import_string(path) if path else {}
