"""Bursts of writes from several clients at once, recording exactly what was accepted."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from tests.behaviour.client import Api, User


def burst_posts(
    api: Api,
    user: User,
    count: int,
    *,
    clients: int = 8,
    after_each: Callable[[int], None] | None = None,
    refused: list[int] | None = None,
) -> list[int]:
    """Writes `count` posts; returns the ids of those the API accepted (201), and adds the
    status of every other answer to `refused` when given."""

    def write(number: int) -> int | None:
        response = api.post("/posts", json={"title": f"burst {number}"}, headers=user.auth)
        if after_each is not None:
            after_each(number)
        if response.status_code == 201:
            return response.json()["id"]
        if refused is not None:
            refused.append(response.status_code)
        return None

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(write, range(count)))
    return [post_id for post_id in results if post_id is not None]
