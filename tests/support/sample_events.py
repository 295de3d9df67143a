"""A post as the API represents it, for tests that need a valid event built from one."""

from common.events import contract

POST = {
    "id": 7,
    "title": "t",
    "author": {"id": 1, "username": "a"},
    "created_at": "2026-01-01T00:00:00.000000Z",
}


def post_created() -> dict:
    """A new, valid PostCreated event (a fresh id each call), in its wire form."""
    return contract.post_created(post=POST).to_dict()
