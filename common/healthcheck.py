"""Container health checks that need no shell tools and no Django start-up:

    python -m common.healthcheck http http://127.0.0.1:8000/health
    python -m common.healthcheck fresh /tmp/relay.heartbeat 30

`http` passes when the URL answers 200 (a web process whose database answers); `fresh`
passes when the file was touched in the last N seconds (a relay whose loop still turns).
"""

import sys
import time
import urllib.request
from pathlib import Path


def http_ok(url: str, timeout: float = 3.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def touched_within(path: str, seconds: float) -> bool:
    try:
        return time.time() - Path(path).stat().st_mtime <= seconds
    except OSError:
        return False


def main(argv: list[str]) -> int:
    match argv:
        case ["http", url]:
            return 0 if http_ok(url) else 1
        case ["fresh", path, seconds]:
            return 0 if touched_within(path, float(seconds)) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
