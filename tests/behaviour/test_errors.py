"""Bad requests of every kind get a 4xx in the one error shape, and change nothing."""

import pytest

JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    "raw",
    [b'{"title": ', b"{title: 'x'}", b"\xff\xfe\x00", b'{"title": "a"} trailing', b"NaN"],
)
def test_malformed_json_is_refused_and_changes_nothing(api, alice, raw):
    def refused():
        response = api.post("/posts", data=raw, headers={**alice.auth, **JSON})
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "malformed_json"

    api.assert_no_post_created(alice, refused)


@pytest.mark.parametrize("path", ["/posts", "/users/signup", "/users/signin"])
def test_deeply_nested_json_is_refused_not_crashed_on(api, alice, path):
    for raw in (b"[" * 5000, b'{"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"):
        response = api.post(path, data=raw[:60_000], headers={**alice.auth, **JSON})
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "malformed_json"


@pytest.mark.parametrize("raw", [b"[]", b'"title"', b"42", b"null", b'[{"title": "x"}]'])
def test_a_body_that_is_not_an_object_is_refused(api, alice, raw):
    response = api.post("/posts", data=raw, headers={**alice.auth, **JSON})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"


def test_an_empty_body_names_the_missing_field(api, alice):
    response = api.post("/posts", data=b"", headers={**alice.auth, **JSON})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["title"][0]["code"] == "required"


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]
)
def test_a_body_that_is_not_json_is_refused(api, alice, content_type):
    response = api.post(
        "/posts", data=b"title=x", headers={**alice.auth, "Content-Type": content_type}
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_an_oversize_body_is_refused_and_changes_nothing(api, alice, post):
    def refused():
        huge = b'{"content": "' + b"x" * (2 * 1024 * 1024) + b'"}'
        response = api.post(
            f"/posts/{post['id']}/comments", data=huge, headers={**alice.auth, **JSON}
        )
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "payload_too_large"

    api.assert_no_comment_created(alice, post["id"], refused)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/posts"),
        ("PUT", "/posts"),
        ("PATCH", "/posts/1/comments"),
        ("GET", "/users/signup"),
        ("DELETE", "/users/signin"),
    ],
)
def test_an_unsupported_method_is_refused(api, alice, method, path):
    for headers in ({}, alice.auth):
        response = api.request(method, path, headers=headers)
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize("path", ["/nothing-here", "/posts/1/likes", "/users", "/posts/1"])
def test_an_unknown_path_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


def test_every_error_has_a_code_and_a_message_only_validation_names_fields(api, alice):
    responses = [
        api.post("/posts", json={"title": ""}, headers=alice.auth),
        api.post("/posts", json={"title": "x"}),
        api.get("/posts/987654321/comments"),
        api.post("/posts", data=b"{", headers={**alice.auth, **JSON}),
    ]
    for response in responses:
        error = response.json()["error"]
        assert isinstance(error["code"], str) and error["code"]
        assert isinstance(error["message"], str) and error["message"]
        assert ("fields" in error) == (error["code"] == "validation_failed")


@pytest.mark.parametrize("path", ["/posts", "/posts/1/comments"])
def test_a_request_line_too_long_is_refused_in_json(api, path):
    response = api.get(f"{path}?page_size=1&junk={'x' * 5000}")
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "bad_request"
