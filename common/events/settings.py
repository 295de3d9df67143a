"""Event delivery's settings (Celery on Redis, the outbox's relay, catch-up): one home for
every process that records or consumes events. Every split service imports them through
microservices/base_settings.py; the monolith imports them too, and uses them once it
publishes its facts (`TANDEM_PUBLISH_EVENTS`, docs/migration.md)."""

import os

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
# The handlers of the events a process consumes ("module.HANDLERS"); none by default.
TANDEM_EVENT_HANDLERS = None
