from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "common.events"
    label = "events"
    verbose_name = "Event delivery (outbox, inbox, dead letters)"

    def ready(self):
        from common.events import celery_app  # noqa: F401  (every process publishes through it)
