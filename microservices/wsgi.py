"""WSGI entry point of whichever service DJANGO_SETTINGS_MODULE names:

DJANGO_SETTINGS_MODULE=microservices.posts.settings gunicorn microservices.wsgi
"""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
