"""The Celery app of whichever service DJANGO_SETTINGS_MODULE names:

    DJANGO_SETTINGS_MODULE=microservices.query.settings \
        celery -A microservices.celery_app worker -Q query
"""

from common.events.celery_config import make_celery_app

app = make_celery_app()
