"""POST /posts {title}: create a post."""

import pytest

from tests.behaviour.client import unique


def test_a_post_is_created_with_its_author_and_no_comments(api, alice):
    title = unique("Hello ")
    response = api.post("/posts", json={"title": title}, headers=alice.auth)
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == title
    assert body["author"] == {"id": alice.id, "username": alice.username}
    assert body["comments"] == []
    assert body["created_at"].endswith("Z")


def test_a_created_post_appears_in_the_feed(api, alice):
    created = api.create_post(alice)
    shown = api.wait_for_post(created["id"])
    assert shown == created


def test_two_posts_get_different_ids(api, alice):
    first, second = api.create_post(alice), api.create_post(alice)
    assert first["id"] != second["id"]


def test_the_title_is_trimmed(api, alice):
    assert api.create_post(alice, "  spaced out  ")["title"] == "spaced out"


def test_a_title_of_the_longest_length_is_accepted(api, alice):
    title = "t" * 200
    assert api.create_post(alice, title)["title"] == title


def test_unicode_titles_round_trip(api, alice):
    title = unique("Grüße, 世界 🍊 ")
    created = api.create_post(alice, title)
    assert api.wait_for_post(created["id"])["title"] == title


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "required"),
        ({"title": None}, "null"),
        ({"title": ""}, "blank"),
        ({"title": "   "}, "blank"),
        ({"title": "t" * 201}, "max_length"),
        ({"title": 42}, "invalid_type"),
        ({"title": True}, "invalid_type"),
        ({"title": ["a"]}, "invalid_type"),
        ({"title": {"text": "a"}}, "invalid_type"),
        ({"title": "nul\u0000byte"}, "control_characters"),
        ({"title": "line\nbreak"}, "control_characters"),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_an_invalid_title_is_refused_and_changes_nothing(api, alice, body, code):
    def refused():
        response = api.post("/posts", json=body, headers=alice.auth)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["code"] == "validation_failed"
        assert [e["code"] for e in error["fields"]["title"]] == [code]

    api.assert_no_post_created(alice, refused)


def test_a_lone_surrogate_is_refused(api, alice):
    body = b'{"title": "half \\ud800 pair"}'
    response = api.post(
        "/posts", data=body, headers={**alice.auth, "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["title"][0]["code"] == "invalid_unicode"


def test_unknown_fields_are_ignored(api, alice):
    response = api.post("/posts", json={"title": "extra", "author": 999}, headers=alice.auth)
    assert response.status_code == 201
    assert response.json()["author"]["id"] == alice.id
