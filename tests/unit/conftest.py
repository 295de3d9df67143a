"""Unit tests run without a database or a project: Django gets just enough settings for DRF."""

import django
from django.conf import settings


def pytest_configure(config):
    if not settings.configured:
        settings.configure(
            USE_TZ=True, SECRET_KEY="unit-tests", REST_FRAMEWORK={"UNAUTHENTICATED_USER": None}
        )
        django.setup()
