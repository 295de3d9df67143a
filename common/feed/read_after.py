"""Read-your-writes for the feed: the token a new post is answered with, and what a read of
the feed makes of it.

`POST /posts` answers with a `Consistency-Token` header; a client that sends it back on
`GET /posts` sees that post in the feed at once, whichever build answers. The monolith's feed
reads the posts table itself, so it needs nothing more; the split build's query service,
when the post's event has not reached it yet, learns the post from its owner first
(docs/decisions/0012-read-your-writes.md). Clients treat the token as opaque.
"""

from __future__ import annotations

import re

from common.api.errors import ApiError
from common.posts.domain import Post

HEADER = "Consistency-Token"
_TOKEN = re.compile(r"p([1-9][0-9]{0,17})")
#: What a token looks like, for the schema; clients still treat it as opaque.
TOKEN_PATTERN = f"^{_TOKEN.pattern}$"


def token_for(post: Post) -> str:
    return f"p{post.id}"


def post_to_read_after(request) -> int | None:
    """The post a feed read must include, from the request's token; None without one."""
    value = request.headers.get(HEADER)
    if value is None:
        return None
    match = _TOKEN.fullmatch(value.strip())
    if match is None:
        raise ApiError("invalid_consistency_token", f"{HEADER} is not a token this API gave.")
    return int(match.group(1))
