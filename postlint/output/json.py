"""JSON output, version 1. Documented in docs/json-format.md, schema in postlint/schemas/."""

from __future__ import annotations

import json

from postlint import __version__
from postlint.output import counts

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
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
