"""Settings of the event bus service."""

from common.settings import database_from_env
from microservices.base_settings import *  # noqa: F403
from microservices.base_settings import LOCAL_DATA_DIR, SERVICE_APPS

TANDEM_SERVICE = "eventbus"
TANDEM_RELAY_IN_WEB = False  # the bus has no outbox and catches up from nothing
INSTALLED_APPS = [*SERVICE_APPS, "microservices.eventbus"]
ROOT_URLCONF = "microservices.eventbus.urls"
DATABASES = {"default": database_from_env(LOCAL_DATA_DIR / "eventbus.sqlite3")}
