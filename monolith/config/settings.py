"""Settings of the monolith: the shared settings plus its feature apps, on one database."""

from pathlib import Path

from common.settings import *  # noqa: F403
from common.settings import MIDDLEWARE, SHARED_APPS, database_from_env

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
]

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
