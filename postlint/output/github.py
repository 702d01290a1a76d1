"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding."""

from __future__ import annotations

from postlint.output.text import summary

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report, color: bool = False) -> str:
    lines = []
    for f in report.findings:
        props = [f"file={_property(f.path)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line:
            props.append(f"endLine={f.end_line}")
        if f.end_column and (f.end_line or f.line) == f.line:
            props.append(f"endColumn={f.end_column}")
        props.append(f"title={_property(f'{f.code} {f.name}')}")
        message = f.message + (f"\n→ {f.suggestion}" if f.suggestion else "")
        lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
