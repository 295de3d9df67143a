"""How another service asks the posts service about a post it has not heard of yet.

Not a path any request usually takes: services learn of posts from `PostCreated`. A client
may hold a post the event has not brought yet (it was written a moment ago); then this
asks its owner, with short timeouts and a circuit breaker, so a posts service that is down
costs the asker a quick 503, not a hang (docs/decisions/0012-read-your-writes.md).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

import pybreaker
from django.conf import settings
from pydantic import ValidationError

from common.errors import OwnerUnavailable
from common.posts.events import PostCreated

logger = logging.getLogger(__name__)

#: Opens after 5 failures in a row; then one trial call per 10 s until one succeeds.
breaker = pybreaker.CircuitBreaker(fail_max=5, reset_timeout=10, name="posts")


def _fetch(post_id: int) -> PostCreated | None:
    url = f"{settings.TANDEM_POSTS_URL.rstrip('/')}/internal/posts/{post_id}"
    try:
        with urllib.request.urlopen(url, timeout=settings.TANDEM_OWNER_TIMEOUT_SECONDS) as answer:
            return PostCreated.model_validate(json.load(answer))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def post_facts(post_id: int) -> PostCreated | None:
    """The post as its owner knows it, None if it has no such post; OwnerUnavailable if it
    cannot say right now."""
    try:
        return breaker.call(_fetch, post_id)
    except pybreaker.CircuitBreakerError as exc:
        raise OwnerUnavailable from exc
    except (OSError, ValueError, ValidationError) as exc:
        logger.warning("the posts service could not say whether post %s exists: %r", post_id, exc)
        raise OwnerUnavailable from exc
