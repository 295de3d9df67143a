"""Sign-in attempts count against their address even when their username is locked: a flood
on one account gets its address blocked, and answered before Django (common/users/attempts.py)."""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from common.users import attempts
from common.users.errors import InvalidCredentials, TooManyAttempts

LIMITS = {
    "TANDEM_SIGN_IN_RATE": "5/m",
    "TANDEM_SIGN_IN_FAILURES_RATE": "2/5m",
    "TANDEM_TRUSTED_PROXIES": 0,
}


@pytest.fixture
def address() -> str:
    """An address of its own per test: blocks are remembered per process."""
    cache.clear()
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


def attempt(address: str, username: str, *, right: bool) -> None:
    request = RequestFactory().post("/users/signin", REMOTE_ADDR=address)
    with attempts.sign_in_attempt(request, username):
        if not right:
            raise InvalidCredentials


@override_settings(**LIMITS)
def test_attempts_on_a_locked_username_block_their_address(address):
    refused = 0
    for _ in range(10):
        try:
            attempt(address, "victim", right=False)
        except InvalidCredentials:
            assert refused == 0, "a locked username stays locked"
        except TooManyAttempts:
            refused += 1
        if attempts._blocks.seconds_left(attempts.SIGN_IN_ADDRESS, address) > 0:
            break
    assert refused > 0, "the username was locked first"
    assert attempts._blocks.seconds_left(attempts.SIGN_IN_ADDRESS, address) > 0
    with pytest.raises(TooManyAttempts):
        attempt(address, "someone else", right=True)


@override_settings(**LIMITS)
def test_right_passwords_do_not_lock_a_username(address):
    for _ in range(3):
        attempt(address, "regular", right=True)
    attempt(f"{address}0", "regular", right=True)
