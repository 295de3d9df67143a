"""The token format of common/auth/tokens.py."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.auth.tokens import Principal, TokenError, TokenExpired, issue_token, verify_token

SECRET = "s" * 40
ALICE = Principal(user_id=7, username="alice")


def test_a_token_round_trips_the_principal():
    token = issue_token(ALICE, secret=SECRET, ttl=timedelta(minutes=5))
    assert verify_token(token, secret=SECRET) == ALICE


def test_an_expired_token_is_refused_as_expired():
    past = datetime.now(UTC) - timedelta(hours=1)
    token = issue_token(ALICE, secret=SECRET, ttl=timedelta(minutes=5), now=past)
    with pytest.raises(TokenExpired):
        verify_token(token, secret=SECRET)


def test_another_secret_is_refused():
    token = issue_token(ALICE, secret=SECRET, ttl=timedelta(minutes=5))
    with pytest.raises(TokenError) as caught:
        verify_token(token, secret="t" * 40)
    assert caught.value.code == "token_invalid"


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "other", "sub": "7", "name": "alice"},
        {"iss": "tandem", "sub": "seven", "name": "alice"},
        {"iss": "tandem", "sub": "7", "name": 5},
        {"iss": "tandem", "name": "alice"},
    ],
)
def test_tokens_with_wrong_claims_are_refused(claims):
    now = datetime.now(UTC)
    token = jwt.encode({**claims, "iat": now, "exp": now + timedelta(minutes=1)}, SECRET)
    with pytest.raises(TokenError):
        verify_token(token, secret=SECRET)


def test_the_none_algorithm_is_refused():
    now = datetime.now(UTC)
    claims = {"iss": "tandem", "sub": "7", "name": "a", "iat": now, "exp": now + timedelta(1)}
    token = jwt.encode(claims, None, algorithm="none")
    with pytest.raises(TokenError):
        verify_token(token, secret=SECRET)


@given(st.text())
def test_arbitrary_text_is_never_a_valid_token(text):
    with pytest.raises(TokenError):
        verify_token(text, secret=SECRET)
