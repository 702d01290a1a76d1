"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from postlint import __version__, i18n
from postlint.output import indented_json

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule_descriptor(rule, lang: str) -> dict:
    citation = rule.citation(lang)
    what = i18n.pick(rule.what, lang) if rule.what else ""
    why = i18n.pick(rule.why, lang) if rule.why else ""
    help_text = "\n\n".join(part for part in (what, why, citation) if part)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": i18n.pick(rule.summary, lang) if rule.summary else rule.name},
        "fullDescription": {"text": what or rule.name},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"check": rule.check, "citation": citation, "tags": [rule.check]},
    }


@lru_cache(maxsize=1024)  # a draft's findings come one after the other, on the same path
def _uri(path: str) -> str:
    return Path(path).as_posix()


def render(report, color: bool = False) -> str:
    rules = list(report.rules)
    known = {rule.code for rule in rules}
    from postlint import catalogue

    for finding in report.findings:  # a rule reported but not selected (e.g. input problems)
        if finding.code not in known:
            rules.append(catalogue.get(finding.name))
            known.add(finding.code)
    rules.sort(key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for f in report.findings:
        region = {"startLine": f.line, "startColumn": f.column}
        if f.end_line:
            region["endLine"] = f.end_line
        if f.end_column:
            region["endColumn"] = f.end_column
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
        }
        if f.suggestion:
            result["properties"] = {"suggestion": f.suggestion}
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": report.lang,
                        "rules": [_rule_descriptor(rule, report.lang) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return indented_json.dumps(document) + "\n"  # json.dumps(..., ensure_ascii=False, indent=2)
