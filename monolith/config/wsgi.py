"""WSGI entry point for gunicorn: `gunicorn monolith.config.wsgi`."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "monolith.config.settings")

from common.wsgi import application as load  # noqa: E402  (after the settings are named)

application = load()
