"""A failed test's report, with the end of every log of the stack it ran against: what the
servers said is usually the reason."""

from __future__ import annotations

from tests.support.processes import tail


def with_logs(item, report, fixture: str, lines: int = 40):
    """`report`, with the logs of the stack in `item`'s fixture `fixture` when it failed."""
    stack = getattr(item, "funcargs", {}).get(fixture)
    if report.failed and stack is not None:
        for name, log in stack.logs().items():
            report.sections.append((f"log of {name}", tail(log, lines)))
    return report
