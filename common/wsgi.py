"""The WSGI application of any Tandem project, with its URL conf loaded before the first
request: a view wired without a function it needs (`common.api.wiring`) stops the process at
start instead of failing on its first request. In front of Django, sign-in and sign-up
attempts from an address already blocked are refused (`common.users.attempts`).

Tracing starts here when configured (`common.tracing`): gunicorn imports the application in
each worker, after the fork, and Django's instrumentation must come before the handler is
built."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from common import tracing
from common.users.attempts import refusing_blocked_addresses


def application():
    tracing.start(settings.TANDEM_SERVICE)
    app = get_wsgi_application()
    get_resolver().url_patterns  # noqa: B018  (imports the URL conf, which checks its wiring)
    return refusing_blocked_addresses(app)
