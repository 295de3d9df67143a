"""System checks that catch a deployment running with the development secrets."""

from django.conf import settings
from django.core.checks import Warning, register

from common.auth.tokens import DEV_SECRET


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
