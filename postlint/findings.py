"""The Finding record and severities."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def at_least(severity: str, threshold: str) -> bool:
    """True when `severity` is as serious as `threshold` or more."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass(slots=True)
class Finding:
    """One problem in one file. Lines and columns are 1-based positions in the file."""

    code: str
    name: str
    severity: str
    path: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None
    suggestion: str | None = None
    extra: dict = field(default_factory=dict)

    def __reduce__(self):
        # positional fields only: what workers send back costs a third of the default
        return (
            Finding,
            (self.code, self.name, self.severity, self.path, self.line, self.column, self.message,
             self.end_line, self.end_column, self.suggestion, self.extra),
        )  # fmt: skip

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line if self.end_line is not None else self.line,
            "end_column": self.end_column if self.end_column is not None else self.column,
            "message": self.message,
            "suggestion": self.suggestion,
        }
