"""How often one client address, and one username, may try to sign in or sign up.

    sign-in, per address      TANDEM_SIGN_IN_RATE            100 attempts a minute
    sign-in, per username     TANDEM_SIGN_IN_FAILURES_RATE   10 failures in 5 minutes
    sign-up, per address      TANDEM_SIGN_UP_RATE            100 sign-ups an hour

An address is coarse (many people share one behind a NAT), so its limits only stop floods;
guessing one account's password is stopped by the per-username count, which counts only
wrong passwords, so nobody is locked out by someone else's right ones. Counts are
django-ratelimit's fixed windows in Django's "default" cache: Redis in the split build, the
database in the monolith, so every process of a service shares them. A refusal is
`TooManyAttempts` (429 `throttled`, Retry-After: what is left of the window).

Once a count is past its rate, the process also remembers the block until the window ends
(`_blocks`), and `refusing_blocked_addresses` (around the WSGI application) answers the next
attempts from that address before Django sees them: a flood is refused at the cost of a
lookup in memory, so the requests of everyone else keep their pace.

A cache that cannot be read (Redis down) does not lock everyone out: the attempt goes ahead,
and `common.users.hashing` still bounds what a flood costs.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.urls import Resolver404, resolve
from django_ratelimit.core import get_usage

from common.api.errors import error_response
from common.users.errors import InvalidCredentials, TooManyAttempts

logger = logging.getLogger(__name__)


SIGN_IN_ADDRESS = "sign-in-address"
SIGN_IN_USERNAME = "sign-in-username"
SIGN_UP_ADDRESS = "sign-up-address"


class _Blocks:
    """(group, value) -> when its block ends (time.monotonic()), in this process."""

    def __init__(self):
        self._ends: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def remember(self, group: str, value: str, seconds: float) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._ends) > 10_000:
                self._ends = {key: end for key, end in self._ends.items() if end > now}
            self._ends[group, value] = now + seconds

    def seconds_left(self, group: str, value: str) -> float:
        return self._ends.get((group, value), 0) - time.monotonic()


_blocks = _Blocks()


def client_address(request) -> str:
    """The address the request came from: the peer, or, behind `TANDEM_TRUSTED_PROXIES`
    proxies (the gateway), the address the outermost of them saw."""
    return _address_of(request.META)


def _address_of(environ: dict) -> str:
    hops = settings.TANDEM_TRUSTED_PROXIES
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        seen = [address.strip() for address in forwarded.split(",") if address.strip()]
        if seen:
            return seen[-min(hops, len(seen))]
    return environ.get("REMOTE_ADDR", "")


def _count(
    request, group: str, value: str, rate: str, *, increment: bool, enforce: bool = True
) -> None:
    """Counts one attempt (or only looks, without `increment`); TooManyAttempts past the
    rate, when `enforce`d. Past the rate, nothing is written: a flood costs one read each."""
    if not rate:
        return

    def usage(increment: bool) -> dict | None:
        return get_usage(
            request, group=group, key=lambda _group, _request: value, rate=rate,
            increment=increment,
        )  # fmt: skip

    left = _blocks.seconds_left(group, value)
    if enforce and left > 0:
        raise TooManyAttempts(left)
    try:
        counted = usage(False) if enforce else None
        if counted is not None and counted["should_limit"]:
            _blocks.remember(group, value, counted["time_left"])
            raise TooManyAttempts(counted["time_left"])
        if increment:
            usage(True)
    except TooManyAttempts:
        raise
    except Exception as exc:  # the cache's store does not answer: let the attempt through
        logger.warning("attempt counts unavailable, not limiting %s: %r", group, exc)


def refusing_blocked_addresses(application):
    """`application` (WSGI), answering an attempt from an address this process already
    knows is blocked before Django sees the request: no body read, no middleware, no store
    asked. A view opts in with `attempts_group` (the group its address count is kept
    under)."""

    @lru_cache(maxsize=64)
    def group_of(path: str) -> str | None:
        view = resolve(path).func
        return getattr(getattr(view, "view_class", None), "attempts_group", None)

    def refuse_or_pass(environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST":
            try:
                group = group_of(environ.get("PATH_INFO", ""))
            except Resolver404:
                group = None
            left = _blocks.seconds_left(group, _address_of(environ)) if group else 0
            if left > 0:
                response = error_response("throttled", TooManyAttempts.message)
                retry_after = str(TooManyAttempts(left).retry_after)
                start_response(
                    "429 Too Many Requests", [*response.items(), ("Retry-After", retry_after)]
                )
                return [response.content]
        return application(environ, start_response)

    return refuse_or_pass


@contextmanager
def sign_in_attempt(request, username: str) -> Iterator[None]:
    name, failures = username.lower(), settings.TANDEM_SIGN_IN_FAILURES_RATE
    # The address first: an attempt on a locked username still counts against its address,
    # so a flood on one account gets its address blocked and refused before Django.
    _count(request, SIGN_IN_ADDRESS, client_address(request), settings.TANDEM_SIGN_IN_RATE,
           increment=True)  # fmt: skip
    _count(request, SIGN_IN_USERNAME, name, failures, increment=False)
    try:
        yield
    except InvalidCredentials:
        _count(request, SIGN_IN_USERNAME, name, failures, increment=True, enforce=False)
        raise


def sign_up_attempt(request) -> None:
    _count(request, SIGN_UP_ADDRESS, client_address(request), settings.TANDEM_SIGN_UP_RATE,
           increment=True)  # fmt: skip
