"""POST /posts/:id/comments {content} and GET /posts/:id/comments."""

import pytest

from tests.behaviour.client import unique

FINAL = ("approved", "rejected")


def test_a_comment_is_created_on_its_post(api, bob, post):
    response = api.post(
        f"/posts/{post['id']}/comments", json={"content": "Nice post"}, headers=bob.auth
    )
    assert response.status_code == 201
    body = response.json()
    assert body["post_id"] == post["id"]
    assert body["content"] == "Nice post"
    assert body["author"] == {"id": bob.id, "username": bob.username}
    assert body["status"] in ("pending", "approved")


def test_comments_are_listed_oldest_first(api, alice, bob, post):
    created = [api.create_comment(bob, post["id"], f"comment {n}")["id"] for n in range(3)]
    assert [c["id"] for c in api.comments(post["id"])] == created


def test_a_post_without_comments_lists_none(api, post):
    assert api.comments(post["id"]) == []


def test_comments_stay_on_their_own_post(api, alice, bob):
    first, second = api.create_post(alice), api.create_post(alice)
    api.create_comment(bob, first["id"], "only on the first")
    assert api.comments(second["id"]) == []


def test_newlines_in_content_are_kept(api, bob, post):
    content = "first line\nsecond line"
    assert api.create_comment(bob, post["id"], content)["content"] == content


def test_a_comment_on_an_unknown_post_is_refused(api, bob):
    response = api.post("/posts/987654321/comments", json={"content": "hello?"}, headers=bob.auth)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_comments_of_an_unknown_post_are_not_found(api):
    response = api.get("/posts/987654321/comments")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("post_id", ["abc", "-1", "1.5", "99999999999999999999999"])
def test_a_malformed_post_id_is_not_found(api, bob, post_id):
    for response in (
        api.get(f"/posts/{post_id}/comments"),
        api.post(f"/posts/{post_id}/comments", json={"content": "x"}, headers=bob.auth),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "required"),
        ({"content": None}, "null"),
        ({"content": ""}, "blank"),
        ({"content": " \n "}, "blank"),
        ({"content": "c" * 2001}, "max_length"),
        ({"content": 7}, "invalid_type"),
        ({"content": ["a"]}, "invalid_type"),
        ({"content": "bell\u0007"}, "control_characters"),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_invalid_content_is_refused_and_changes_nothing(api, bob, post, body, code):
    def refused():
        response = api.post(f"/posts/{post['id']}/comments", json=body, headers=bob.auth)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["code"] == "validation_failed"
        assert [e["code"] for e in error["fields"]["content"]] == [code]

    api.assert_no_comment_created(bob, post["id"], refused)


def test_content_of_the_longest_length_is_accepted(api, bob, post):
    content = unique("c") + "c" * 1989
    assert len(api.create_comment(bob, post["id"], content)["content"]) == 2000


def test_a_post_just_created_takes_comments_at_once_every_time(api, alice, bob):
    """What the API has confirmed is never answered 404 afterwards, by any client."""
    for n in range(100):
        post = api.create_post(alice, unique(f"fresh {n} "))
        response = api.post(
            f"/posts/{post['id']}/comments", json={"content": "first!"}, headers=bob.auth
        )
        assert response.status_code == 201, (n, response.text)
        listed = api.get(f"/posts/{post['id']}/comments")
        assert listed.status_code == 200, (n, listed.text)
        assert [c["id"] for c in listed.json()] == [response.json()["id"]]


def test_the_comments_of_a_post_just_created_are_listed_at_once(api, alice):
    for _ in range(20):
        post = api.create_post(alice)
        assert api.comments(post["id"]) == []


def test_a_long_list_comes_in_pages_linked_by_the_link_header(api, bob, post):
    created = [api.create_comment(bob, post["id"], f"comment {n}")["id"] for n in range(5)]
    seen, path, pages = [], f"/posts/{post['id']}/comments?page_size=2", 0
    while path:
        response = api.get(path)
        assert response.status_code == 200, response.text
        assert len(response.json()) <= 2
        seen += [c["id"] for c in response.json()]
        path = response.links.get("next", {}).get("url")
        pages += 1
    assert seen == created
    assert pages == 3


def test_a_list_that_fits_one_page_has_no_next_link(api, bob, post):
    api.create_comment(bob, post["id"], "only one")
    response = api.get(f"/posts/{post['id']}/comments")
    assert "next" not in response.links


def test_a_page_after_a_comment_id_starts_after_it(api, bob, post):
    created = [api.create_comment(bob, post["id"], f"comment {n}")["id"] for n in range(3)]
    response = api.get(f"/posts/{post['id']}/comments?after={created[0]}")
    assert [c["id"] for c in response.json()] == created[1:]


@pytest.mark.parametrize(
    "query", ["page_size=0", "page_size=101", "page_size=x", "after=-1", "after=1.5", "after="]
)
def test_invalid_comment_paging_is_refused(api, post, query):
    response = api.get(f"/posts/{post['id']}/comments?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert set(error["fields"]) == {query.split("=")[0]}
