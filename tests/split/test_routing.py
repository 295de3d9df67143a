"""The bus routes each event type to the services the contract names; each service must
handle exactly those types. Run under every service's settings."""

from django.conf import settings

from common.events.contract import subscriptions
from common.events.handlers import service_handlers


def test_a_service_handles_exactly_what_the_bus_routes_to_it():
    handled = {payload.TYPE for payload in service_handlers()}
    assert handled == set(subscriptions(settings.TANDEM_SERVICE))
