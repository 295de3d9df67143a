"""Settings of the query service."""

from common.settings import database_from_env
from microservices.base_settings import *  # noqa: F403
from microservices.base_settings import LOCAL_DATA_DIR, SERVICE_APPS

TANDEM_SERVICE = "query"
INSTALLED_APPS = [*SERVICE_APPS, "microservices.query"]
ROOT_URLCONF = "microservices.query.urls"
DATABASES = {"default": database_from_env(LOCAL_DATA_DIR / "query.sqlite3")}
TANDEM_EVENT_HANDLERS = "microservices.query.handlers.HANDLERS"
