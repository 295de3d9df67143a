"""The token format of common/auth/tokens.py and its keys (common/auth/keys.py)."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.auth.keys import InvalidKey, new_pair, public_keys, signing_key
from common.auth.tokens import Principal, TokenError, TokenExpired, issue_token, verify_token

KEY = signing_key(new_pair()[0])
KEYS = {KEY.kid: KEY.public}
ALICE = Principal(user_id=7, username="alice")


def test_a_token_round_trips_the_principal():
    token = issue_token(ALICE, key=KEY, ttl=timedelta(minutes=5))
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": KEY.kid, "typ": "JWT"}
    assert verify_token(token, keys=KEYS) == ALICE


def test_an_expired_token_is_refused_as_expired():
    past = datetime.now(UTC) - timedelta(hours=1)
    token = issue_token(ALICE, key=KEY, ttl=timedelta(minutes=5), now=past)
    with pytest.raises(TokenExpired):
        verify_token(token, keys=KEYS)


def test_a_token_signed_by_another_key_is_refused_whatever_kid_it_claims():
    intruder = signing_key(new_pair()[0])
    for kid in (intruder.kid, KEY.kid):
        now = datetime.now(UTC)
        claims = {
            "iss": "tandem",
            "sub": "7",
            "name": "alice",
            "iat": now,
            "exp": now + timedelta(1),
        }
        token = jwt.encode(claims, intruder.private, algorithm="EdDSA", headers={"kid": kid})
        with pytest.raises(TokenError) as caught:
            verify_token(token, keys=KEYS)
        assert caught.value.code == "token_invalid"


def test_a_shared_secret_token_is_refused():
    """What tokens used to be: HS256 with a secret every service held."""
    now = datetime.now(UTC)
    claims = {"iss": "tandem", "sub": "7", "name": "alice", "iat": now, "exp": now + timedelta(1)}
    token = jwt.encode(claims, "s" * 40, algorithm="HS256", headers={"kid": KEY.kid})
    with pytest.raises(TokenError):
        verify_token(token, keys=KEYS)


def test_a_rotation_keeps_tokens_of_the_old_key_valid_while_its_public_key_is_listed():
    old, new = signing_key(new_pair()[0]), signing_key(new_pair()[0])
    before = issue_token(ALICE, key=old, ttl=timedelta(minutes=5))
    after = issue_token(ALICE, key=new, ttl=timedelta(minutes=5))
    both = {old.kid: old.public, new.kid: new.public}
    assert verify_token(before, keys=both) == verify_token(after, keys=both) == ALICE
    with pytest.raises(TokenError):
        verify_token(before, keys={new.kid: new.public})


def test_public_keys_are_read_from_a_comma_separated_list():
    first, second = new_pair(), new_pair()
    keys = public_keys(f"{first[1]}, {second[1]}")
    assert set(keys) == {signing_key(first[0]).kid, signing_key(second[0]).kid}
    with pytest.raises(InvalidKey):
        public_keys("change-me")


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
    token = jwt.encode(
        {**claims, "iat": now, "exp": now + timedelta(minutes=1)},
        KEY.private,
        algorithm="EdDSA",
        headers={"kid": KEY.kid},
    )
    with pytest.raises(TokenError):
        verify_token(token, keys=KEYS)


def test_the_none_algorithm_is_refused():
    now = datetime.now(UTC)
    claims = {"iss": "tandem", "sub": "7", "name": "a", "iat": now, "exp": now + timedelta(1)}
    token = jwt.encode(claims, None, algorithm="none", headers={"kid": KEY.kid})
    with pytest.raises(TokenError):
        verify_token(token, keys=KEYS)


@given(st.text())
def test_arbitrary_text_is_never_a_valid_token(text):
    with pytest.raises(TokenError):
        verify_token(text, keys=KEYS)
