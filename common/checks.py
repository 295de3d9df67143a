"""System checks that catch a deployment running with the development or example secrets.

Outside a deployment (`make run`, the tests) the development secrets are fine, and a
deploy check only warns. A deployment (compose and Kubernetes set `TANDEM_DEPLOYED=1`)
that still holds an example secret ("change-me" from compose/example.env, or a development
default) is refused: the check is an error, so `migrate` fails and nothing starts, unless
`TANDEM_DEVELOPMENT=1` names the run a development one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from common.auth.tokens import DEV_SECRET
from common.settings import DEV_DJANGO_SECRET_KEY

EXAMPLE_VALUES = {"change-me", DEV_SECRET, DEV_DJANGO_SECRET_KEY}


def example_secrets() -> list[str]:
    """The names of the settings that hold an example or development secret."""
    found = []
    if settings.SECRET_KEY in EXAMPLE_VALUES:
        found.append("DJANGO_SECRET_KEY")
    if settings.TANDEM_TOKEN_SECRET in EXAMPLE_VALUES:
        found.append("TANDEM_TOKEN_SECRET")
    if settings.DATABASES["default"].get("PASSWORD") in EXAMPLE_VALUES:
        found.append("the database password (DATABASE_URL)")
    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if broker and urlsplit(broker).password in EXAMPLE_VALUES:
        found.append("the Redis password (TANDEM_BROKER_URL)")
    return found


@register("security")
def deployment_holds_no_example_secret(app_configs, **kwargs):
    if not settings.TANDEM_DEPLOYED or settings.TANDEM_DEVELOPMENT:
        return []
    return [
        Error(
            f"{name} is an example or development secret.",
            hint="Set it to a long random value (openssl rand -hex 32), or set "
            "TANDEM_DEVELOPMENT=1 for a run that is only for development.",
            id="tandem.E001",
        )
        for name in example_secrets()
    ]


@register("security", deploy=True)
def token_secret_is_set(app_configs, **kwargs):
    if settings.TANDEM_TOKEN_SECRET == DEV_SECRET or len(settings.TANDEM_TOKEN_SECRET) < 32:
        return [
            Warning(
                "TANDEM_TOKEN_SECRET is the development secret or shorter than 32 characters.",
                hint="Set TANDEM_TOKEN_SECRET to a long random value in every service.",
                id="tandem.W001",
            )
        ]
    return []
