"""Password hashing that a flood of sign-ins cannot turn into an outage.

Two things keep hashing from starving every other request of a process:

- `Argon2Hasher` uses OWASP's recommended Argon2id settings (19 MiB, 2 passes, one lane):
  about 20 ms of one core per hash. Django's defaults (100 MiB, 8 lanes) take about ten times
  that and run eight threads at once, so two sign-ins used to take both cores from every
  reader. Hashes made with other settings still verify.
- `hashed()` runs hashes on `TANDEM_HASHES_AT_ONCE` threads of their own per process, at a
  lower CPU priority than the threads that answer requests, with a few more waiting; the
  rest are refused at once with `HashingBusy` (503, Retry-After 1) instead of holding a
  thread the process needs for other requests.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import suppress
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

from common.users.errors import HashingBusy

T = TypeVar("T")


class Argon2Hasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1


class _Hashing:
    """The process's hashing threads, at a lower CPU priority than the threads that answer
    requests (on Linux, a thread's nice value is its own): a hash gets the cores when
    nothing else wants them, and yields them to reads and writes when something does."""

    def __init__(self, at_once: int, waiting: int):
        self.admitted = threading.BoundedSemaphore(at_once + waiting)
        self.threads = ThreadPoolExecutor(
            max_workers=at_once, thread_name_prefix="hashing", initializer=_yield_cpu
        )

    def run(self, work: Callable[[], T], timeout: float) -> T:
        if not self.admitted.acquire(blocking=False):
            raise HashingBusy
        job = self.threads.submit(work)
        job.add_done_callback(lambda _job: self.admitted.release())
        try:
            return job.result(timeout=timeout)
        except FutureTimeout as exc:
            raise HashingBusy from exc


def _yield_cpu() -> None:
    with suppress(AttributeError, OSError):  # not Linux: same priority as the rest
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


HASHING_NICENESS = 10
_hashing: _Hashing | None = None
_hashing_lock = threading.Lock()


def hashed(work: Callable[[], T]) -> T:
    """`work()` (a hash or a check), on one of the process's hashing threads; HashingBusy
    if as many are running and waiting as allowed, or if it waited too long."""
    global _hashing
    with _hashing_lock:
        if _hashing is None:  # made in the process that hashes: after gunicorn's fork
            _hashing = _Hashing(settings.TANDEM_HASHES_AT_ONCE, settings.TANDEM_HASHES_WAITING)
    return _hashing.run(work, settings.TANDEM_HASH_WAIT_SECONDS)
