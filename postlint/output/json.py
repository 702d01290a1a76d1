"""JSON output, version 1. Documented in docs/json-format.md, schema in postlint/schemas/."""

from __future__ import annotations

from postlint import __version__
from postlint.output import counts, indented_json

SCHEMA_VERSION = 1


def render(report, color: bool = False) -> str:
    by_severity = counts(report.findings)
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "postlint", "version": __version__},
        "language": report.lang,
        "files": report.files,
        "summary": {**by_severity, "total": len(report.findings)},
        "findings": [finding.as_dict() for finding in report.findings],
    }
    return indented_json.dumps(document) + "\n"  # json.dumps(..., ensure_ascii=False, indent=2)
