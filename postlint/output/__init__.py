"""Output formats: one module each, imported only when asked for."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github", "markdown")


def render(report, fmt: str, color: bool = False) -> str:
    """The whole output of a run in format `fmt`, as one string."""
    module = importlib.import_module(f"postlint.output.{fmt}")
    return module.render(report, color=color)


def counts(findings) -> dict[str, int]:
    result = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        result[finding.severity] += 1
    return result
