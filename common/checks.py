"""System checks that catch a deployment running with the development or example secrets,
and token keys that are not keys.

Outside a deployment (`make run`, the tests) the development secrets are fine, and a
deploy check only warns. A deployment (compose and Kubernetes set `TANDEM_DEPLOYED=1`)
that still holds an example secret ("change-me" from compose/example.env, or a development
default) is refused: the check is an error, so `migrate` fails and nothing starts, unless
`TANDEM_DEVELOPMENT=1` names the run a development one.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from common.auth.keys import DEV_PUBLIC_KEY, DEV_SIGNING_KEY, public_keys, signing_key
from common.settings import DEV_DJANGO_SECRET_KEY

EXAMPLE_VALUES = {"change-me", DEV_SIGNING_KEY, DEV_PUBLIC_KEY, DEV_DJANGO_SECRET_KEY}


def example_secrets() -> list[str]:
    """The names of the settings that hold an example or development secret."""
    found = []
    if settings.SECRET_KEY in EXAMPLE_VALUES:
        found.append("DJANGO_SECRET_KEY")
    if settings.TANDEM_TOKEN_SIGNING_KEY in EXAMPLE_VALUES:
        found.append("TANDEM_TOKEN_SIGNING_KEY")
    if set(settings.TANDEM_TOKEN_PUBLIC_KEYS.split(",")) & EXAMPLE_VALUES:
        found.append("TANDEM_TOKEN_PUBLIC_KEYS")
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


@register("security")
def token_keys_are_keys(app_configs, **kwargs):
    """Keys that do not parse would turn every signed-in request into an error."""
    errors = []
    for name, parse in (
        ("TANDEM_TOKEN_SIGNING_KEY", signing_key),
        ("TANDEM_TOKEN_PUBLIC_KEYS", public_keys),
    ):
        value = getattr(settings, name)
        if value and value not in EXAMPLE_VALUES:
            try:
                parse(value)
            except ValueError as exc:  # InvalidKey, or a key cryptography refuses
                errors.append(
                    Error(
                        f"{name} is not an Ed25519 key in base64url: {exc}",
                        hint="Make a pair with `python -m common.auth.keys`.",
                        id="tandem.E002",
                    )
                )
    return errors


@register("security", deploy=True)
def signing_key_is_not_the_development_one(app_configs, **kwargs):
    if (
        settings.TANDEM_TOKEN_SIGNING_KEY == DEV_SIGNING_KEY
        or not settings.TANDEM_TOKEN_PUBLIC_KEYS
    ):
        return [
            Warning(
                "Tokens are signed with the development key, or no public keys are set.",
                hint="Make a pair with `python -m common.auth.keys`: the signing key for the "
                "users feature only, the public key for every process.",
                id="tandem.W001",
            )
        ]
    return []
