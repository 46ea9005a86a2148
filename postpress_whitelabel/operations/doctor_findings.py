"""The doctor's findings: one check's status and explanation, and the worst of a run."""

from __future__ import annotations

from dataclasses import dataclass

OK, WARN, FAIL = "OK", "WARN", "FAIL"
EXIT_STATUS = {OK: 0, WARN: 1, FAIL: 2}


@dataclass(frozen=True)
class Finding:
    """One check's verdict: its status, what was checked, and the explanation."""

    status: str
    topic: str
    message: str

    def line(self) -> str:
        """The line printed for it, e.g. ``OK   database: reachable``."""
        return f"{self.status:<4} {self.topic}: {self.message}"


def worst(findings: list[Finding]) -> str:
    """The most serious status among the findings (OK when there are none)."""
    return max((f.status for f in findings), key=EXIT_STATUS.__getitem__, default=OK)
