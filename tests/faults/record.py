"""What the user of a fault test saw while the fault lasted and after it healed.

Each fault test fills one `FaultRecord`. With TANDEM_FAULT_REPORT naming a file, the record is
appended to it as one JSON line when the test ends, with the test's outcome; the comparison
bench (`python -m bench.compare`) reads those lines into its "Under faults" table."""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass


@dataclass
class FaultRecord:
    fault: str
    build: str = "split"
    during: str = ""
    after: str = ""
    #: Accepted writes that never showed, and writes shown twice: the tests assert both are 0.
    lost: int = 0
    doubled: int = 0
    outcome: str = "not finished"
    heal_seconds: float | None = None

    @contextmanager
    def healing(self):
        """Times the block: from the fault's end until everything shows as it should."""
        start = time.perf_counter()
        yield
        self.heal_seconds = round(time.perf_counter() - start, 2)

    def save(self) -> None:
        path = os.environ.get("TANDEM_FAULT_REPORT")
        if path:
            with open(path, "a") as out:
                out.write(json.dumps(asdict(self)) + "\n")
