"""A small HTTP client for Tandem's public API, used by every behavioural test.

It knows the paths and bodies of the contract and nothing of either build. `eventually` polls
only for the states docs/api.md says a client may see for a while (a comment `pending`,
someone else's post not yet in the feed); the monolith reaches them at once.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def eventually(check: Callable[[], Any], *, timeout: float, interval: float = 0.02) -> Any:
    """Calls `check` until it returns something truthy, or fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout}s; last result: {result!r}")
        time.sleep(interval)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    password: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Api:
    """`url_for(method, path)` says where a request goes: a build with one origin answers
    everything at one base URL, the split build run without a gateway at several."""

    def __init__(self, url_for: Callable[[str, str], str], *, settle_timeout: float):
        self.url_for = url_for
        self.settle_timeout = settle_timeout
        self.session = requests.Session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.url_for(method, path), **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    # users

    def sign_up(self, username: str, password: str) -> requests.Response:
        return self.post("/users/signup", json={"username": username, "password": password})

    def sign_in(self, username: str, password: str) -> requests.Response:
        return self.post("/users/signin", json={"username": username, "password": password})

    def new_user(self, prefix: str = "user") -> User:
        username, password = unique(prefix), "a long enough password"
        signed_up = self.sign_up(username, password)
        assert signed_up.status_code == 201, signed_up.text
        signed_in = self.sign_in(username, password)
        assert signed_in.status_code == 200, signed_in.text
        return User(signed_up.json()["id"], username, password, signed_in.json()["token"])

    # posts and comments

    def create_post(self, user: User, title: str | None = None) -> dict:
        response = self.post("/posts", json={"title": title or unique("post ")}, headers=user.auth)
        assert response.status_code == 201, response.text
        return response.json()

    def create_comment(self, user: User, post_id: int, content: str) -> dict:
        response = self.post(
            f"/posts/{post_id}/comments", json={"content": content}, headers=user.auth
        )
        assert response.status_code == 201, response.text
        return response.json()

    def feed(self, *, token: str | None = None, **params) -> dict:
        """A page of the feed; with the token a new post was answered with, one that shows
        that post."""
        headers = {"Consistency-Token": token} if token else {}
        response = self.get("/posts", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    def comments(self, post_id: int) -> list[dict]:
        response = self.get(f"/posts/{post_id}/comments")
        assert response.status_code == 200, response.text
        return response.json()

    def feed_post(self, post_id: int, *, pages: int = 5) -> dict | None:
        """The post as the feed shows it, searched in the newest pages (following `next`)."""
        path: str | None = "/posts?page_size=100"
        for _ in range(pages):
            if path is None:
                return None
            response = self.get(path)
            assert response.status_code == 200, response.text
            page = response.json()
            for post in page["results"]:
                if post["id"] == post_id:
                    return post
            path = page["next"]
        return None

    # waiting for the eventual state

    def wait_for_post(self, post_id: int) -> dict:
        """The post once the feed shows it to anyone (without its author's token)."""
        return eventually(lambda: self.feed_post(post_id), timeout=self.settle_timeout)

    def wait_for_comment_in_feed(self, post_id: int, comment_id: int, status: str) -> dict:
        def settled():
            post = self.feed_post(post_id)
            found = [c for c in (post or {}).get("comments", []) if c["id"] == comment_id]
            return found[0] if found and found[0]["status"] == status else None

        return eventually(settled, timeout=self.settle_timeout)

    def wait_for_comment(self, post_id: int, comment_id: int, status: str) -> dict:
        def settled():
            found = [c for c in self.comments(post_id) if c["id"] == comment_id]
            return found[0] if found and found[0]["status"] == status else None

        return eventually(settled, timeout=self.settle_timeout)

    # proving that a refused request changed nothing

    def assert_no_post_created(self, user: User, refused: Callable[[], None]) -> None:
        """Runs `refused` between two marker posts. Ids are handed out in order, so anything
        the refused request had written would have an id between the markers, by this user,
        and it would be visible once the second marker is. Other clients of a shared stack
        may write posts between the markers meanwhile: theirs are not this user's."""
        first = self.create_post(user, unique("marker "))
        self.wait_for_post(first["id"])
        refused()
        second = self.create_post(user, unique("marker "))
        self.wait_for_post(second["id"])
        newest = self.feed(page_size=100)["results"]
        between = [
            p["id"]
            for p in newest
            if first["id"] < p["id"] < second["id"] and p["author"]["id"] == user.id
        ]
        assert between == [], f"posts written by a refused request: {between}"

    def assert_no_comment_created(self, user: User, post_id: int, refused: Callable[[], None]):
        first = self.create_comment(user, post_id, unique("marker "))
        refused()
        second = self.create_comment(user, post_id, unique("marker "))
        ids = [c["id"] for c in self.comments(post_id)]
        assert second["id"] in ids
        between = [i for i in ids if first["id"] < i < second["id"]]
        assert between == [], f"comments written by a refused request: {between}"
