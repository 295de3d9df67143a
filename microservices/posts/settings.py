"""Settings of the posts service."""

from common.settings import database_from_env
from microservices.base_settings import *  # noqa: F403
from microservices.base_settings import LOCAL_DATA_DIR, SERVICE_APPS, TANDEM_TAKING_OVER

TANDEM_SERVICE = "posts"
INSTALLED_APPS = [*SERVICE_APPS, "microservices.posts"]
ROOT_URLCONF = "microservices.posts.urls"
DATABASES = {"default": database_from_env(LOCAL_DATA_DIR / "posts.sqlite3")}
# Posts consume nothing, except the monolith's posts while they move here.
TANDEM_EVENT_HANDLERS = "microservices.posts.handlers.TAKING_OVER" if TANDEM_TAKING_OVER else None
