"""Settings of the users service."""

from common.settings import database_from_env
from microservices.base_settings import *  # noqa: F403
from microservices.base_settings import LOCAL_DATA_DIR, SERVICE_APPS

TANDEM_SERVICE = "users"
INSTALLED_APPS = [*SERVICE_APPS, "common.users"]
ROOT_URLCONF = "microservices.users.urls"
DATABASES = {"default": database_from_env(LOCAL_DATA_DIR / "users.sqlite3")}
