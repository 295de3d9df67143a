"""Settings of the comments service."""

from common.settings import database_from_env
from microservices.base_settings import *  # noqa: F403
from microservices.base_settings import LOCAL_DATA_DIR, SERVICE_APPS, TANDEM_TAKING_OVER

TANDEM_SERVICE = "comments"
INSTALLED_APPS = [*SERVICE_APPS, "microservices.comments"]
ROOT_URLCONF = "microservices.comments.urls"
DATABASES = {"default": database_from_env(LOCAL_DATA_DIR / "comments.sqlite3")}
TANDEM_EVENT_HANDLERS = "microservices.comments.handlers." + (
    "TAKING_OVER" if TANDEM_TAKING_OVER else "HANDLERS"
)
