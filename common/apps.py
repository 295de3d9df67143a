"""Makes `common` a Django app so its checks and schema extension load in every project."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    label = "tandem_common"

    def ready(self):
        from common import checks  # noqa: F401  (registers the system checks)
        from common.api import schema  # noqa: F401  (registers the schema extension)
