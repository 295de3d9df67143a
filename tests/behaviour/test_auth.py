"""Writes need a valid token; reads are public; a bad token is refused wherever it is sent."""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest


def _token(secret: str, *, user_id: int, username: str, expires_in: timedelta) -> str:
    now = datetime.now(UTC)
    claims = {
        "iss": "tandem",
        "sub": str(user_id),
        "name": username,
        "iat": now - timedelta(hours=2),
        "exp": now + expires_in,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


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


def test_a_token_signed_with_another_secret_is_refused(api, alice):
    forged = _token(
        "not-the-secret" * 4,
        user_id=alice.id,
        username=alice.username,
        expires_in=timedelta(hours=1),
    )

    def refused():
        response = api.post(
            "/posts", json={"title": "forged"}, headers={"Authorization": f"Bearer {forged}"}
        )
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


def test_an_expired_token_is_refused(api, token_secret, alice):
    expired = _token(
        token_secret,
        user_id=alice.id,
        username=alice.username,
        expires_in=timedelta(seconds=-60),
    )
    response = api.post(
        "/posts", json={"title": "late"}, headers={"Authorization": f"Bearer {expired}"}
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"


def test_a_token_made_with_the_right_secret_is_accepted(api, token_secret, alice):
    fresh = _token(
        token_secret,
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
