"""Settings every service of the split build shares: Tandem's shared settings, plus event
delivery (Celery on Redis, outbox relay, catch-up). A service's settings module imports
these and names its own apps, URLs, database file and event handlers."""

import os
from pathlib import Path

from common.settings import *  # noqa: F403
from common.settings import SHARED_APPS

BASE_DIR = Path(__file__).resolve().parents[1]
LOCAL_DATA_DIR = BASE_DIR / "var" / "split"

SERVICE_APPS = [*SHARED_APPS, "common.events"]

# ---- Where the other parts are
TANDEM_EVENT_BUS_URL = os.environ.get("TANDEM_EVENT_BUS_URL", "http://127.0.0.1:4005")
# The owner of posts, asked only about a post a client holds and events have not brought yet.
TANDEM_POSTS_URL = os.environ.get("TANDEM_POSTS_URL", "http://127.0.0.1:4000")
TANDEM_OWNER_TIMEOUT_SECONDS = float(os.environ.get("TANDEM_OWNER_TIMEOUT_SECONDS", "1"))

# ---- Celery on Redis (read by common.events.celery_app with the CELERY_ prefix)
CELERY_BROKER_URL = os.environ.get("TANDEM_BROKER_URL", "redis://127.0.0.1:6379/0")
#: The longest any one command to Redis may wait, a publish from a web request included.
TANDEM_BROKER_TIMEOUT_SECONDS = float(os.environ.get("TANDEM_BROKER_TIMEOUT_SECONDS", "1"))
_VISIBILITY_TIMEOUT = int(os.environ.get("TANDEM_VISIBILITY_TIMEOUT_SECONDS", "60"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # An unacknowledged message goes back to the queue after this long: long enough for any
    # handler (they are short), short enough that a killed worker's message returns soon.
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # How often workers look for messages past that timeout: every few seconds, so a message
    # comes back within seconds of it (kombu's default scans every 100 s).
    "unacked_restore_interval": max(1, min(5, _VISIBILITY_TIMEOUT // 4)),
    "unacked_restore_throttle": 1,
    # A publish to a Redis that is down fails at once instead of retrying for seconds: the
    # outbox and its relay are what retry, and a web request must not hang meanwhile. A
    # Redis that stops answering is given up on after the timeout, for the same reason.
    "max_retries": 0,
    "socket_connect_timeout": TANDEM_BROKER_TIMEOUT_SECONDS,
    "socket_timeout": TANDEM_BROKER_TIMEOUT_SECONDS,
}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # kombu's Redis transport, with an acknowledgement that fails still freeing the
    # worker's prefetch slot (common/events/redis_transport.py).
    CELERY_BROKER_TRANSPORT = "common.events.redis_transport:Transport"
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
if os.environ.get("TANDEM_BROKER_PREFIX"):
    CELERY_BROKER_TRANSPORT_OPTIONS["global_keyprefix"] = os.environ["TANDEM_BROKER_PREFIX"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# ---- Event delivery
TANDEM_EVENT_MAX_RETRIES = int(os.environ.get("TANDEM_EVENT_MAX_RETRIES", "4"))
TANDEM_EVENT_RETRY_BASE_SECONDS = float(os.environ.get("TANDEM_EVENT_RETRY_BASE_SECONDS", "0.2"))
TANDEM_RELAY_INTERVAL = float(os.environ.get("TANDEM_RELAY_INTERVAL_SECONDS", "0.5"))
TANDEM_OUTBOX_GRACE_SECONDS = float(os.environ.get("TANDEM_OUTBOX_GRACE_SECONDS", "2"))
TANDEM_CATCHUP_SETTLED_SECONDS = float(os.environ.get("TANDEM_CATCHUP_SETTLED_SECONDS", "3"))
TANDEM_RELAY_HEARTBEAT_FILE = os.environ.get("TANDEM_RELAY_HEARTBEAT_FILE", "")
# The relay's loop runs on a thread of each web process (common/gunicorn.py); 0 leaves it to
# `manage.py relay`, run apart.
TANDEM_RELAY_IN_WEB = os.environ.get("TANDEM_RELAY_IN_WEB", "1") == "1"
TANDEM_EVENT_HANDLERS = None
TANDEM_METRICS_COLLECTORS = ["common.metrics.delivery.DeliveryState"]
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
