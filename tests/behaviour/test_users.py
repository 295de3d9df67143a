"""Sign up and sign in: POST /users/signup, POST /users/signin."""

import pytest

from tests.behaviour.client import unique


def test_sign_up_returns_the_user_without_the_password(api):
    username = unique("carol")
    response = api.sign_up(username, "a long enough password")
    assert response.status_code == 201
    body = response.json()
    assert body == {"id": body["id"], "username": username}
    assert isinstance(body["id"], int)


def test_usernames_are_case_insensitive(api):
    username = unique("Dave")
    assert api.sign_up(username, "a long enough password").json()["username"] == username.lower()
    assert api.sign_in(username.upper(), "a long enough password").status_code == 200


def test_a_taken_username_is_refused_and_the_first_password_still_works(api):
    username = unique("erin")
    assert api.sign_up(username, "first password").status_code == 201
    again = api.sign_up(username, "second password")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "username_taken"
    assert api.sign_in(username, "first password").status_code == 200
    assert api.sign_in(username, "second password").status_code == 401


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"password": "a long enough password"}, "username", "required"),
        ({"username": "frank"}, "password", "required"),
        ({"username": "ab", "password": "a long enough password"}, "username", "invalid"),
        ({"username": "no spaces", "password": "a long enough password"}, "username", "invalid"),
        ({"username": "x" * 31, "password": "a long enough password"}, "username", "max_length"),
        ({"username": 12345, "password": "a long enough password"}, "username", "invalid_type"),
        ({"username": "frank", "password": "short"}, "password", "min_length"),
        ({"username": "frank", "password": "x" * 129}, "password", "max_length"),
        ({"username": "frank", "password": None}, "password", "null"),
    ],
)
def test_sign_up_validates_each_field(api, body, field, code):
    if "username" in body and body["username"] == "frank":
        body = {**body, "username": unique("frank")}
    response = api.post("/users/signup", json=body)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert [e["code"] for e in error["fields"][field]] == [code]
    if isinstance(body.get("username"), str) and field == "password":
        assert api.sign_in(body["username"], "a long enough password").status_code == 401


def test_sign_in_returns_a_bearer_token_and_the_user(api, alice):
    response = api.sign_in(alice.username, alice.password)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] > 0
    assert body["user"] == {"id": alice.id, "username": alice.username}
    assert body["token"].count(".") == 2


@pytest.mark.parametrize("who", ["wrong password", "unknown user"])
def test_sign_in_with_bad_credentials_is_refused_alike(api, alice, who):
    username = alice.username if who == "wrong password" else unique("nobody")
    response = api.sign_in(username, "not the password")
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "invalid_credentials",
        "message": "Wrong username or password.",
    }
