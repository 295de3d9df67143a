"""A steady load through the gateway for the whole of the road: sign-ups, posts, comments (some
the moderation rules reject) and feed reads, from a few clients at a steady pace.

While the behavioural suite runs beside it, the load writes no posts (`without_new_posts`):
the suite's feed tests read the newest posts of the feed as the ones they just wrote. It
goes on signing up, commenting on its own posts and reading.

It records every write the API accepted with what it answered (the id, the author, a
comment's status), and every request with its start and end, so a test can tell which
requests were in flight while a route flipped, and which got a 5xx or no answer at all.
"""

from __future__ import annotations

import itertools
import random
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import requests


@dataclass(frozen=True)
class Answered:
    method: str
    path: str
    status: int  # 0: no answer (the connection failed or timed out)
    started: float
    ended: float


@dataclass
class Accepted:
    users: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (name, password)
    posts: dict[int, tuple[str, int]] = field(default_factory=dict)  # id: (title, author id)
    comments: dict[int, tuple[int, str, str]] = field(
        default_factory=dict
    )  # (post, content, status)


class SteadyLoad:
    def __init__(self, base_url: str, *, clients: int = 3, pause: float = 0.05):
        self.base_url = base_url
        self.clients = clients
        self.pause = pause
        self.accepted = Accepted()
        self.answered: list[Answered] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.posts_paused = threading.Event()
        self.threads: list[threading.Thread] = []
        self.numbers = itertools.count()

    # ---- the record
    def failures(self) -> list[Answered]:
        """Every request answered 5xx or not at all."""
        with self.lock:
            return [a for a in self.answered if a.status == 0 or a.status >= 500]

    def in_flight(self, start: float, end: float) -> int:
        """Requests that were under way at some moment between start and end."""
        with self.lock:
            return sum(1 for a in self.answered if a.started <= end and a.ended >= start)

    def count(self) -> int:
        with self.lock:
            return len(self.answered)

    @contextmanager
    def without_new_posts(self) -> Iterator[None]:
        self.posts_paused.set()
        time.sleep(1)  # posts already under way are answered
        try:
            yield
        finally:
            self.posts_paused.clear()

    # ---- running it
    def start(self) -> SteadyLoad:
        for index in range(self.clients):
            thread = threading.Thread(target=self._client, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)

    def _call(self, session: requests.Session, method: str, path: str, **kwargs):
        started = time.monotonic()
        try:
            response = session.request(method, f"{self.base_url}{path}", timeout=15, **kwargs)
            status = response.status_code
        except requests.RequestException:
            response, status = None, 0
        with self.lock:
            self.answered.append(Answered(method, path, status, started, time.monotonic()))
        return response

    def _sign_up(self, session: requests.Session) -> dict[str, str] | None:
        username, password = f"steady{secrets.token_hex(5)}", secrets.token_hex(10)
        credentials = {"username": username, "password": password}
        created = self._call(session, "POST", "/users/signup", json=credentials)
        if created is None or created.status_code != 201:
            return None
        with self.lock:
            self.accepted.users[created.json()["id"]] = (username, password)
        signed_in = self._call(session, "POST", "/users/signin", json=credentials)
        if signed_in is None or signed_in.status_code != 200:
            return None
        return {"Authorization": f"Bearer {signed_in.json()['token']}"}

    def _client(self, index: int) -> None:
        chance = random.Random(index)
        with requests.Session() as session:
            auth = None
            while not self.stopping.is_set():
                if auth is None or chance.random() < 0.05:
                    auth = self._sign_up(session) or auth
                    continue
                roll = chance.random()
                if roll < 0.35 and not self.posts_paused.is_set():
                    self._write_post(session, auth)
                elif roll < 0.7:
                    self._write_comment(session, auth, chance)
                else:
                    self._call(session, "GET", "/posts", params={"page_size": 20})
                self.stopping.wait(self.pause)

    def _write_post(self, session: requests.Session, auth: dict) -> None:
        title = f"steady post {next(self.numbers)}"
        created = self._call(session, "POST", "/posts", json={"title": title}, headers=auth)
        if created is not None and created.status_code == 201:
            body = created.json()
            with self.lock:
                self.accepted.posts[body["id"]] = (title, body["author"]["id"])

    def _write_comment(self, session: requests.Session, auth: dict, chance: random.Random):
        with self.lock:
            posts = list(self.accepted.posts)
        if not posts:
            return
        post_id = chance.choice(posts[-50:])
        content = f"steady {'orange ' if chance.random() < 0.2 else ''}{next(self.numbers)}"
        path = f"/posts/{post_id}/comments"
        created = self._call(session, "POST", path, json={"content": content}, headers=auth)
        if created is not None and created.status_code == 201:
            body = created.json()
            with self.lock:
                self.accepted.comments[body["id"]] = (post_id, content, body["status"])
