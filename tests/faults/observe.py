"""What a user of the feed sees, and the checks every fault test ends with."""

from __future__ import annotations

from collections import Counter

from tests.behaviour.client import Api, eventually


def feed_everything(api: Api) -> list[dict]:
    """Every post in the feed, following the pages."""
    posts, path = [], "/posts?page_size=100"
    while path:
        response = api.get(path)
        assert response.status_code == 200, response.text
        page = response.json()
        posts += page["results"]
        path = page["next"]
    return posts


def assert_feed_is_exactly(
    api: Api, post_ids: list[int], *, timeout: float = 60, unsure: int = 0
) -> list[dict]:
    """Waits until the feed shows these posts, each once, and nothing else; except for up
    to `unsure` posts more, once each, whose writes were refused while their commit was
    already on its way (the store froze mid-commit: neither side can know, see docs/api.md).
    """
    expected = Counter(post_ids)
    assert max(expected.values(), default=1) == 1, "the API accepted a post id twice"

    def differences(posts: list[dict]) -> tuple[list[int], list[int], list[int]]:
        seen = Counter(p["id"] for p in posts)
        missing = sorted(set(expected) - set(seen))
        extra = sorted(set(seen) - set(expected))
        doubled = sorted(i for i, n in seen.items() if n > 1)
        return missing, extra, doubled

    def shown():
        posts = feed_everything(api)
        missing, extra, doubled = differences(posts)
        return posts if not missing and not doubled and len(extra) <= unsure else None

    try:
        return eventually(shown, timeout=timeout, interval=0.2)
    except AssertionError:
        missing, extra, doubled = differences(feed_everything(api))
        raise AssertionError(
            f"feed differs: {len(missing)} missing {missing[:10]}, {len(extra)} extra "
            f"{extra[:10]} ({unsure} allowed), doubled {doubled[:10]}"
        ) from None


def applied_after_refusal(shown: list[dict], expected: list[int]) -> str:
    """What a record says of posts shown beyond `expected`: writes refused mid-commit that
    were applied after all (see `assert_feed_is_exactly`'s `unsure`)."""
    extra = len(shown) - len(expected)
    return f"; {extra} refused mid-commit were applied after all" if extra else ""


def comment_statuses(api: Api, post_id: int) -> dict[int, str]:
    """Comment id -> status, as the feed shows them for one post."""
    post = next(p for p in feed_everything(api) if p["id"] == post_id)
    ids = [c["id"] for c in post["comments"]]
    assert len(ids) == len(set(ids)), f"a comment is shown twice: {ids}"
    return {c["id"]: c["status"] for c in post["comments"]}


def assert_outboxes_confirmed(stack, *, timeout: float = 60) -> None:
    """Every event each service recorded is, in the end, confirmed as stored by the bus."""

    def unconfirmed() -> dict[str, int]:
        query = "SELECT count(*) FROM events_outboxevent WHERE confirmed_at IS NULL"
        return {
            service: stack.query_database(service, query)[0][0]
            for service in ("users", "posts", "comments", "moderation")
        }

    try:
        eventually(lambda: not any(unconfirmed().values()), timeout=timeout, interval=0.5)
    except AssertionError:
        raise AssertionError(f"outbox rows never confirmed: {unconfirmed()}") from None


def assert_stored_once(stack, event_type: str, aggregate_ids: list[int]) -> None:
    """The bus's store holds exactly one event of this type per aggregate."""
    stored = Counter(e["event"]["aggregate"]["id"] for e in stack.bus_events(types=event_type))
    assert stored == Counter(aggregate_ids)
