from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "common.events"
    label = "events"
    verbose_name = "Event delivery (outbox, inbox, dead letters)"

    def ready(self):
        # Load the service's Celery app in every process (web, worker, relay), so that
        # publishing from any of them uses the service's broker settings.
        from django.conf import settings
        from django.utils.module_loading import import_module

        import_module(settings.TANDEM_CELERY_APP)
