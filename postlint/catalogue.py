"""The rule catalogue: every rule's metadata, read from rules/<name>.yaml.

A rule file holds the rule's code, name, the check (practice) it belongs to, its default severity,
its guide citation and sources, its messages in French and English, its parameters and two example
drafts: one that fires it and one that stays quiet. Selectors (`--select`, `--ignore`, `ignore:` in
a file) match a code (`PL100`), a code prefix (`PL1`), a name (`length-limit`) or a check
(`length`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache

from postlint import i18n
from postlint.resources import load_rules_yaml, rules_dir

NOT_RULES = {"platforms.yaml", "messages.yaml", "languages.yaml", "report-messages.yaml"}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    check: str
    severity: str
    function: str
    enabled: bool
    guide: dict | None
    sources: tuple
    summary: dict
    what: dict
    why: dict
    messages: dict
    params: dict = field(default_factory=dict)
    params_doc: dict = field(default_factory=dict)
    examples: dict = field(default_factory=dict)
    input: bool = False  # reported while reading the file, not by a check function
    corpus: bool = False  # a check across the drafts of a folder: function(drafts, ctx)

    def message(self, key: str, lang: str, fields: dict) -> str:
        entry = i18n.plural(i18n.pick(self.messages[key], lang), fields.get("n", 1), lang)
        return i18n.fill(entry, lang, fields)

    def citation(self, lang: str) -> str:
        """`guide: "Pratiques gagnantes", tip 3` and the rule's other sources."""
        colon = " : " if lang == "fr" else ": "
        parts = []
        if self.guide:
            section = self.guide["section"]
            where = f"« {section} »" if lang == "fr" else f'"{section}"'
            tip = self.guide.get("tip")
            if tip:
                where += f", {'conseil' if lang == 'fr' else 'tip'} {tip}"
            parts.append(f"guide{colon}{where}")
        if self.sources:
            parts.append(f"sources{colon}" + "; ".join(self.sources))
        text = " · ".join(parts)
        return i18n.french_typography(text) if lang == "fr" else text


def _rule_from(data: dict) -> Rule:
    return Rule(
        code=data["code"],
        name=data["name"],
        check=data.get("check", data["name"]),
        severity=data.get("severity", "warning"),
        function=data.get("function", data["name"].replace("-", "_")),
        enabled=data.get("enabled", True),
        guide=data.get("guide"),
        sources=tuple(data.get("sources") or ()),
        summary=data.get("summary") or {},
        what=data.get("what") or {},
        why=data.get("why") or {},
        messages=data.get("messages") or {},
        params=data.get("params") or {},
        params_doc=data.get("params_doc") or {},
        examples=data.get("examples") or {},
        input=bool(data.get("input", False)),
        corpus=data.get("scope") == "corpus",
    )


@cache
def rules() -> dict[str, Rule]:
    """All rules by name, in code order."""
    found = []
    for file in sorted(rules_dir().glob("*.yaml")):
        if file.name in NOT_RULES:
            continue
        data = load_rules_yaml(file.name)
        if isinstance(data, dict) and "code" in data:
            found.append(_rule_from(data))
    found.sort(key=lambda r: r.code)
    return {rule.name: rule for rule in found}


def get(name: str) -> Rule:
    return rules()[name]


def matches(selector: str, rule: Rule) -> bool:
    """A code, a code prefix, a rule name or a check. A rule's name wins over a check of the same
    name: `engagement` is the rule PL300, not also engagement-bait."""
    sel = selector.strip().lower()
    if sel in rules():
        return sel == rule.name
    return sel == rule.check or (sel.startswith("pl") and rule.code.lower().startswith(sel))


def is_selector(selector: str) -> bool:
    return any(matches(selector, rule) for rule in rules().values())


def closest_selector(selector: str) -> str | None:
    names = []
    for rule in rules().values():
        names.extend([rule.code, rule.name, rule.check])
    match = difflib.get_close_matches(selector, names, n=1, cutoff=0.6)
    return match[0] if match else None


def find(selector: str) -> Rule | None:
    """One rule by code or name (for `explain`)."""
    sel = selector.strip().lower()
    for rule in rules().values():
        if sel in (rule.code.lower(), rule.name):
            return rule
    return None


def selected(select: list[str] | None, ignore: list[str], turned_on: tuple[str, ...] = ()) -> list[Rule]:
    """Rules on: those `select` matches (else those on by default, and the default-off rules named
    in `turned_on`), minus those `ignore` matches."""
    chosen = []
    for rule in rules().values():
        on = any(matches(s, rule) for s in select) if select else (rule.enabled or rule.name in turned_on)
        if on and not any(matches(s, rule) for s in ignore):
            chosen.append(rule)
    return chosen
