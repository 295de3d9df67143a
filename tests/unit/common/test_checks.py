"""A deployment holding an example secret is refused; a development run is not."""

import pytest
from django.test import override_settings

from common.auth.keys import new_pair
from common.checks import deployment_holds_no_example_secret

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")

DEPLOYED = {
    "TANDEM_DEPLOYED": True,
    "TANDEM_DEVELOPMENT": False,
    "SECRET_KEY": "a" * 64,
    "TANDEM_TOKEN_SIGNING_KEY": new_pair()[0],
    "TANDEM_TOKEN_PUBLIC_KEYS": new_pair()[1],
    "DATABASES": {"default": {"PASSWORD": "c" * 32}},
    "CELERY_BROKER_URL": "redis://:" + "d" * 32 + "@redis:6379/0",
}


def errors(**changed) -> list[str]:
    with override_settings(**{**DEPLOYED, **changed}):
        return [error.msg for error in deployment_holds_no_example_secret(None)]


def test_a_deployment_with_real_secrets_passes():
    assert errors() == []


@pytest.mark.parametrize(
    ("changed", "named"),
    [
        ({"SECRET_KEY": "change-me"}, "DJANGO_SECRET_KEY"),
        ({"TANDEM_TOKEN_SIGNING_KEY": "change-me"}, "TANDEM_TOKEN_SIGNING_KEY"),
        ({"TANDEM_TOKEN_PUBLIC_KEYS": "change-me"}, "TANDEM_TOKEN_PUBLIC_KEYS"),
        ({"DATABASES": {"default": {"PASSWORD": "change-me"}}}, "database password"),
        ({"CELERY_BROKER_URL": "redis://:change-me@redis:6379/0"}, "Redis password"),
    ],
)
def test_each_example_secret_is_refused_by_name(changed, named):
    (message,) = errors(**changed)
    assert named in message


def test_a_development_run_may_keep_the_examples():
    assert errors(SECRET_KEY="change-me", TANDEM_DEVELOPMENT=True) == []


def test_outside_a_deployment_the_development_defaults_are_fine():
    assert errors(SECRET_KEY="change-me", TANDEM_DEPLOYED=False) == []
