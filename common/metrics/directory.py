"""Where the processes of one group (a gunicorn master and its workers, a Celery worker and
its pool) keep their metrics, so that one endpoint can add them up.

prometheus_client decides at import whether it counts in memory or in files under
PROMETHEUS_MULTIPROC_DIR, so the directory is settled before it is imported: the first
process of a group makes one (and removes it when it exits); the processes it forks inherit
it. A directory the operator sets is used as it is and kept (gunicorn's master empties it
when it starts, `common.gunicorn`).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
#: Set when Tandem made the directory in PROMETHEUS_MULTIPROC_DIR (to the pid that made it):
#: a process started, not forked, by one of Tandem's is a group of its own and needs its own.
OWNER = "TANDEM_METRICS_DIR_OWNER"


_settled: Path | None = None


def ensure() -> Path:
    """The directory of this process's group, made by the group's first process. A forked
    process inherits the answer; a process started afresh settles its own."""
    global _settled
    if _settled is None:
        _settled = _settle()
    return _settled


def _settle() -> Path:
    given = os.environ.get(VARIABLE)
    if given and OWNER not in os.environ:
        return Path(given)
    made = Path(tempfile.mkdtemp(prefix="tandem-metrics-"))
    os.environ[VARIABLE] = str(made)
    os.environ[OWNER] = str(os.getpid())
    owner = os.getpid()
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(made, ignore_errors=True))
    return made


def empty(directory: Path) -> None:
    """Forgets what an earlier run of the group counted there."""
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink(missing_ok=True)
