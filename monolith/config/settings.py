"""Settings of the monolith: the shared settings plus its feature apps, on one database; and
event delivery's, used once it publishes its facts on the way to the split build."""

import os
from pathlib import Path

from common.events.settings import *  # noqa: F403
from common.settings import *  # noqa: F403
from common.settings import MIDDLEWARE, SHARED_APPS, database_from_env
from monolith.publishing.features import moved_out

BASE_DIR = Path(__file__).resolve().parents[2]

#: The name its traces and logs go by.
TANDEM_SERVICE = "monolith"

INSTALLED_APPS = [
    *SHARED_APPS,
    "common.users",
    "monolith.posts",
    "monolith.comments",
    "monolith.moderation",
    "monolith.feed",
    # The outbox and its relay: empty and idle until the monolith publishes its facts.
    "common.events",
    "monolith.publishing",
]

# Step 1 of the road to the split build (docs/migration.md): each write records its facts in
# the outbox, in its own transaction, and the relay's loop (on a thread of each web process)
# delivers them to the event bus at TANDEM_EVENT_BUS_URL through the Redis at TANDEM_BROKER_URL.
TANDEM_PUBLISH_EVENTS = os.environ.get("TANDEM_PUBLISH_EVENTS", "0") == "1"
TANDEM_RELAY_IN_WEB = TANDEM_PUBLISH_EVENTS and os.environ.get("TANDEM_RELAY_IN_WEB", "1") == "1"
TANDEM_METRICS_COLLECTORS = (
    ["common.metrics.delivery.DeliveryState"] if TANDEM_PUBLISH_EVENTS else []
)
# Step 3: 0 once the moderation service judges comments; the monolith then writes them
# pending and applies the verdicts its relay's catch-up reads from the store.
TANDEM_MODERATION_IN_WRITE = os.environ.get("TANDEM_MODERATION_IN_WRITE", "1") == "1"
# Steps 4 to 6: the features whose data a service owns now ("comments,posts,users"); the
# monolith keeps copies of their rows from the store (monolith/publishing/copies.py).
TANDEM_MOVED_OUT = moved_out(os.environ.get("TANDEM_MOVED_OUT", ""))
TANDEM_EVENT_HANDLERS = "monolith.publishing.handlers.HANDLERS" if TANDEM_PUBLISH_EVENTS else None

MIDDLEWARE = [*MIDDLEWARE]

ROOT_URLCONF = "monolith.config.urls"
WSGI_APPLICATION = "monolith.config.wsgi.application"

DATABASES = {"default": database_from_env(BASE_DIR / "var" / "monolith.sqlite3")}

# Shared by every process (sign-in and sign-up counts, common/users/attempts.py); the table
# is made by the users feature's migrations.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tandem_cache",
    }
}
