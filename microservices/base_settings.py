"""Settings every service of the split build shares: Tandem's shared settings, event
delivery's (common/events/settings.py) and a cache on the broker's Redis. A service's
settings module imports these and names its own apps, URLs, database file and event
handlers."""

import os
from pathlib import Path

from common.events.settings import *  # noqa: F403
from common.events.settings import CELERY_BROKER_URL, TANDEM_BROKER_TIMEOUT_SECONDS
from common.settings import *  # noqa: F403
from common.settings import SHARED_APPS

BASE_DIR = Path(__file__).resolve().parents[1]
LOCAL_DATA_DIR = BASE_DIR / "var" / "split"

SERVICE_APPS = [*SHARED_APPS, "common.events"]

# Shared by every process of a service (sign-in and sign-up counts, common/users/attempts.py),
# on the broker's Redis, with the broker's bound on every command.
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CELERY_BROKER_URL,
            "KEY_PREFIX": f"{os.environ.get('TANDEM_BROKER_PREFIX', '')}cache",
            "OPTIONS": {
                "socket_connect_timeout": TANDEM_BROKER_TIMEOUT_SECONDS,
                "socket_timeout": TANDEM_BROKER_TIMEOUT_SECONDS,
            },
        }
    }
else:  # kombu's memory:// in tests
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TANDEM_METRICS_COLLECTORS = ["common.metrics.delivery.DeliveryState"]

# While a service takes its feature over from the monolith (docs/migration.md, steps 4 and 5):
# it also copies, from the event store, the rows the monolith's events describe, with their
# ids and versions (the `TAKING_OVER` handlers of posts and comments). Off once it is done.
TANDEM_TAKING_OVER = os.environ.get("TANDEM_TAKING_OVER", "0") == "1"
WSGI_APPLICATION = "microservices.wsgi.application"

# One log line per task received and per task done costs more than a short handler; keep
# warnings and errors (retries, parked events) and the worker's own messages.
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
    },
}
