"""Writes need a valid token; reads are public; a bad token is refused wherever it is sent."""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from common.auth.keys import SigningKey, new_pair, signing_key


def _token(key: SigningKey, *, user_id: int, username: str, expires_in: timedelta) -> str:
    now = datetime.now(UTC)
    claims = {
        "iss": "tandem",
        "sub": str(user_id),
        "name": username,
        "iat": now - timedelta(hours=2),
        "exp": now + expires_in,
    }
    return jwt.encode(claims, key.private, algorithm="EdDSA", headers={"kid": key.kid})


def _tampered(token: str, **changes) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(changes)
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_reads_need_no_token(api, post):
    assert api.get("/posts").status_code == 200
    assert api.get(f"/posts/{post['id']}/comments").status_code == 200


def test_a_post_without_a_token_is_refused_and_changes_nothing(api, alice):
    def refused():
        response = api.post("/posts", json={"title": "anonymous"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")

    api.assert_no_post_created(alice, refused)


def test_a_comment_without_a_token_is_refused_and_changes_nothing(api, alice, post):
    def refused():
        response = api.post(f"/posts/{post['id']}/comments", json={"content": "anonymous"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"

    api.assert_no_comment_created(alice, post["id"], refused)


def test_the_token_from_sign_in_is_accepted_and_names_the_author(api, bob):
    created = api.create_post(bob, "by bob")
    assert created["author"] == {"id": bob.id, "username": bob.username}


def _forged(kind: str, alice) -> str:
    """A token for alice made by anything but the users feature's private key."""
    now = datetime.now(UTC)
    claims = {"iss": "tandem", "sub": str(alice.id), "name": alice.username}
    claims |= {"iat": now, "exp": now + timedelta(hours=1)}
    real_kid = jwt.get_unverified_header(alice.token).get("kid")
    if kind == "another Ed25519 key":
        intruder = signing_key(new_pair()[0])
        return jwt.encode(claims, intruder.private, algorithm="EdDSA", headers={"kid": real_kid})
    # A shared secret, as tokens once were: HS256, keyed with the public key everyone holds.
    return jwt.encode(claims, real_kid * 4, algorithm="HS256", headers={"kid": real_kid})


@pytest.mark.parametrize("kind", ["another Ed25519 key", "a shared secret"])
def test_a_token_not_signed_by_the_users_key_is_refused_by_every_writer(api, alice, post, kind):
    forged = {"Authorization": f"Bearer {_forged(kind, alice)}"}

    def refused():
        for response in (
            api.post("/posts", json={"title": "forged"}, headers=forged),
            api.post(f"/posts/{post['id']}/comments", json={"content": "forged"}, headers=forged),
        ):
            assert response.status_code == 401
            assert response.json()["error"]["code"] == "token_invalid"

    api.assert_no_post_created(alice, refused)


def test_a_token_with_a_changed_payload_is_refused(api, alice, bob):
    forged = _tampered(alice.token, sub=str(bob.id), name=bob.username)
    response = api.post(
        "/posts", json={"title": "impersonation"}, headers={"Authorization": f"Bearer {forged}"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_invalid"


def test_an_expired_token_is_refused(api, token_key, alice):
    expired = _token(
        token_key,
        user_id=alice.id,
        username=alice.username,
        expires_in=timedelta(seconds=-60),
    )
    response = api.post(
        "/posts", json={"title": "late"}, headers={"Authorization": f"Bearer {expired}"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"


def test_a_token_made_with_the_right_key_is_accepted(api, token_key, alice):
    fresh = _token(
        token_key,
        user_id=alice.id,
        username=alice.username,
        expires_in=timedelta(minutes=5),
    )
    response = api.post(
        "/posts", json={"title": "crafted but valid"}, headers={"Authorization": f"Bearer {fresh}"}
    )
    assert response.status_code == 201


def test_an_unsigned_token_is_refused(api, alice):
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    unsigned = ".".join([header, alice.token.split(".")[1], ""])
    response = api.post(
        "/posts", json={"title": "alg none"}, headers={"Authorization": f"Bearer {unsigned}"}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "Bearer not-a-jwt", "Bearer a.b.c"],
)
def test_a_malformed_authorization_header_is_refused(api, header):
    response = api.post("/posts", json={"title": "x"}, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_invalid"


def test_a_bad_token_is_refused_on_reads_too(api):
    response = api.get("/posts", headers={"Authorization": "Bearer a.b.c"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_invalid"
