"""GET /posts: every post with its comments, newest first, in pages."""

import pytest

from tests.behaviour.client import eventually


def _wait_until_first(api, post_ids: list[int]) -> dict:
    """The feed once its newest posts are `post_ids` (newest first)."""
    return eventually(
        lambda: (page := api.feed(page_size=len(post_ids)))
        and [p["id"] for p in page["results"]] == post_ids
        and page,
        timeout=api.settle_timeout,
    )


def test_the_feed_lists_newest_first(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(3)]
    _wait_until_first(api, created[::-1])


def _follow(api, path: str | None, key: str) -> list[dict]:
    """Every page from `path` on, following the `key` link until it is null."""
    pages = []
    while path:
        response = api.get(path)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        path = pages[-1][key]
    return pages


def test_a_page_holds_page_size_posts_and_links_to_the_older_ones(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(5)]
    _wait_until_first(api, created[::-1])
    first = api.feed(page_size=2)
    assert first["page_size"] == 2
    assert first["previous"] is None
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    assert [p["id"] for p in second["results"]] == [created[2], created[1]]
    assert [p["id"] for p in third["results"]][:1] == [created[0]]
    assert set(first) == {"page_size", "next", "previous", "results"}


def test_previous_leads_back_to_the_same_pages(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(6)]
    _wait_until_first(api, created[::-1])
    first = api.feed(page_size=2)
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    back_to_second = api.get(third["previous"]).json()
    back_to_first = api.get(back_to_second["previous"]).json()
    assert back_to_second["results"] == second["results"]
    assert [p["id"] for p in back_to_first["results"]] == [created[5], created[4]]
    assert back_to_first["previous"] is None
    assert back_to_first["next"] == first["next"]


def test_following_next_links_visits_every_post_once(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(3)]
    for post_id in created:
        api.wait_for_post(post_id)
    pages = _follow(api, "/posts?page_size=7", "next")
    seen = [p["id"] for page in pages for p in page["results"]]
    assert all(len(page["results"]) <= 7 for page in pages)
    assert len(seen) == len(set(seen))
    assert set(created) <= set(seen)
    assert pages[-1]["next"] is None


def test_posts_written_while_paging_neither_repeat_nor_hide_older_posts(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(4)]
    _wait_until_first(api, created[::-1])
    first = api.feed(page_size=2)
    for _ in range(3):
        api.create_post(alice)
    second = api.get(first["next"]).json()
    assert [p["id"] for p in second["results"]] == [created[1], created[0]]


def test_the_default_page_holds_twenty_posts(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(21)]
    page = eventually(
        lambda: (p := api.feed()) and p["results"][0]["id"] == created[-1] and p,
        timeout=api.settle_timeout,
    )
    assert page["page_size"] == 20
    assert len(page["results"]) == 20
    assert page["next"] is not None


def test_the_feed_has_no_page_numbers_and_says_so(api):
    response = api.get("/posts?page=2")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert [f["code"] for f in error["fields"]["page"]] == ["retired"]


@pytest.mark.parametrize(
    "query",
    [
        "page_size=0",
        "page_size=101",
        "page_size=1.5",
        "page_size=",
        "cursor=",
        "cursor=abc",
        "cursor=%00",
        "cursor=a1.0",  # the shape of a cursor, but no post has id 0
        "cursor=" + "Y" * 200,
    ],
)
def test_invalid_paging_is_refused(api, query):
    response = api.get(f"/posts?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert set(error["fields"]) == {query.split("=")[0]}


def test_each_post_carries_its_own_comments_with_their_status(api, alice, bob):
    first, second = api.create_post(alice), api.create_post(alice)
    on_first = api.create_comment(bob, first["id"], "first!")
    on_second = api.create_comment(bob, second["id"], "second!")
    api.wait_for_comment_in_feed(first["id"], on_first["id"], "approved")
    api.wait_for_comment_in_feed(second["id"], on_second["id"], "approved")
    assert [c["id"] for c in api.feed_post(first["id"])["comments"]] == [on_first["id"]]
    assert [c["id"] for c in api.feed_post(second["id"])["comments"]] == [on_second["id"]]


def test_a_full_page_of_posts_with_comments_is_served_whole(api, alice, bob):
    """Other clients of a shared stack may write posts meanwhile: the page is read for
    alice's posts, which come newest first, the five commented ones with all their comments."""
    posts = [api.create_post(alice) for _ in range(100)]
    commented = {post["id"] for post in posts[-5:]}
    for post in posts[-5:]:
        for n in range(5):
            api.create_comment(bob, post["id"], f"comment {n}")

    def served(page: dict) -> bool:
        shown = {p["id"]: len(p["comments"]) for p in page["results"]}
        return all(shown.get(post_id) == 5 for post_id in commented)

    page = eventually(
        lambda: (p := api.feed(page_size=100)) and served(p) and p, timeout=api.settle_timeout
    )
    assert len(page["results"]) == 100
    newest_first = [p["id"] for p in reversed(posts)]
    alices = [p["id"] for p in page["results"] if p["author"]["id"] == alice.id]
    assert alices == newest_first[: len(alices)]
    assert len(alices) >= 5


def test_the_author_sees_a_new_post_in_the_feed_at_once_with_its_token(api, alice):
    """Read-your-writes: the token POST /posts answers with, sent back on the next read."""
    for n in range(20):
        created = api.post("/posts", json={"title": f"mine {n}"}, headers=alice.auth)
        assert created.status_code == 201
        token = created.headers["Consistency-Token"]
        newest = api.feed(token=token, page_size=100)["results"]
        assert created.json()["id"] in [p["id"] for p in newest], n


def test_a_token_for_a_post_that_does_not_exist_reads_the_feed_as_usual(api):
    assert "results" in api.feed(token="p987654321")


@pytest.mark.parametrize("token", ["", "p", "p0", "px", "c1", "p1;drop", "P1", "p01"])
def test_a_malformed_consistency_token_is_refused(api, token):
    response = api.get("/posts", headers={"Consistency-Token": token})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_consistency_token"
