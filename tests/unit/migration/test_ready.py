"""`python -m migration ready`: what counts as caught up, from the two sides' metrics."""

import pytest

from migration.ready import Readiness

CAUGHT_UP = Readiness(
    outbox_oldest_seconds=0.4,
    outbox_unconfirmed=3,
    consumer_lag=2,
    dead_letters=0,
    sources_down=(),
)


def test_a_consumer_a_few_events_behind_a_fresh_outbox_is_ready():
    assert CAUGHT_UP.ready(max_lag=10, max_age=10)


@pytest.mark.parametrize(
    "change",
    [
        {"outbox_oldest_seconds": 30.0},  # the backfill is still being delivered
        {"consumer_lag": 500},  # the new owner is still replaying the store
        {"dead_letters": 1},  # it gave up on an event: its state is not whole
        {"sources_down": ("query bus",)},  # its lag could not be read
        {"consumer_lag": None},  # not a consumer's metrics at all
    ],
)
def test_anything_less_is_not(change):
    state = Readiness(**{**CAUGHT_UP.__dict__, **change})
    assert not state.ready(max_lag=10, max_age=10)
    assert "consumer" in state.describe()
