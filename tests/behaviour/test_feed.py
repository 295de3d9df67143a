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


def test_a_page_holds_page_size_posts_and_links_to_its_neighbours(api, alice):
    created = [api.create_post(alice)["id"] for _ in range(5)]
    _wait_until_first(api, created[::-1])
    first = api.feed(page=1, page_size=2)
    second = api.feed(page=2, page_size=2)
    assert [p["id"] for p in first["results"]] == [created[4], created[3]]
    assert [p["id"] for p in second["results"]] == [created[2], created[1]]
    assert first["previous"] is None
    assert first["next"] == "/posts?page=2&page_size=2"
    assert second["previous"] == "/posts?page=1&page_size=2"
    assert (first["page"], first["page_size"]) == (1, 2)


def test_following_next_links_visits_every_post_once(api, alice):
    for post in [api.create_post(alice) for _ in range(3)]:
        api.wait_for_post(post["id"])
    total = api.feed(page_size=1)["count"]
    seen, path = [], "/posts?page=1&page_size=7"
    while path:
        page = api.get(path).json()
        assert len(page["results"]) <= 7
        seen += [p["id"] for p in page["results"]]
        path = page["next"]
    assert len(seen) == len(set(seen)) == total


def test_the_default_page_holds_twenty_posts(api, alice):
    for _ in range(21):
        api.create_post(alice)
    page = eventually(
        lambda: (p := api.feed()) and p["count"] > 20 and p, timeout=api.settle_timeout
    )
    assert page["page_size"] == 20
    assert len(page["results"]) == 20


def test_a_page_past_the_end_is_empty(api, post):
    count = api.feed(page_size=1)["count"]
    page = api.feed(page=count + 1, page_size=1)
    assert page["results"] == []
    assert page["next"] is None
    assert page["count"] == count


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=-1", "page=abc", "page_size=0", "page_size=101", "page_size=1.5"],
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
    posts = [api.create_post(alice) for _ in range(100)]
    for post in posts[-5:]:
        for n in range(5):
            api.create_comment(bob, post["id"], f"comment {n}")
    page = eventually(
        lambda: (p := api.feed(page_size=100))
        and p["results"][0]["id"] == posts[-1]["id"]
        and all(len(x["comments"]) == 5 for x in p["results"][:5])
        and p,
        timeout=api.settle_timeout,
    )
    assert len(page["results"]) == 100
    assert [p["id"] for p in page["results"]] == [p["id"] for p in reversed(posts)]


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
