"""WSGI entry point of whichever service DJANGO_SETTINGS_MODULE names:

DJANGO_SETTINGS_MODULE=microservices.posts.settings gunicorn microservices.wsgi
"""

from common.wsgi import application as load

application = load()
