"""Settings of the moderation service."""

from common.settings import database_from_env
from microservices.base_settings import *  # noqa: F403
from microservices.base_settings import LOCAL_DATA_DIR, SERVICE_APPS

TANDEM_SERVICE = "moderation"
INSTALLED_APPS = [*SERVICE_APPS, "microservices.moderation"]
ROOT_URLCONF = "microservices.moderation.urls"
DATABASES = {"default": database_from_env(LOCAL_DATA_DIR / "moderation.sqlite3")}
TANDEM_EVENT_HANDLERS = "microservices.moderation.handlers.HANDLERS"
