"""Text output: `path:line:col: CODE name: message`, the suggestion below, then a summary."""

from __future__ import annotations

from postlint import i18n
from postlint.output import counts

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render(report, color: bool = False) -> str:
    lang = report.lang
    label = i18n.text("suggestion", lang)
    lines = []
    for f in report.findings:
        where = f"{f.path}:{f.line}:{f.column}:"
        code = f"{f.code} {f.name}:"
        if color:
            where = f"{_BOLD}{where}{_RESET}"
            code = f"{_COLORS[f.severity]}{code}{_RESET}"
        lines.append(f"{where} {code} {f.message}")
        if f.suggestion:
            lines.append(f"    {_DIM if color else ''}{label}{_RESET if color else ''} {f.suggestion}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report) -> str:
    lang = report.lang
    if not report.findings:
        return i18n.text("summary_clean", lang, n=report.files)
    by_severity = counts(report.findings)
    detail = ", ".join(
        i18n.text(f"count_{severity}", lang, n=by_severity[severity])
        for severity in ("error", "warning", "info")
        if by_severity[severity]
    )
    return i18n.text(
        "summary",
        lang,
        detail=detail,
        problems=i18n.text("count_problem", lang, n=len(report.findings)),
        files=i18n.text("count_file", lang, n=report.files),
    )
