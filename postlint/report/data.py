"""The counts the report shows, gathered from the engine's Report: nothing here renders.

A draft is counted from its facts (postlint.facts.DraftFacts); a draft meant for several platforms
or personas counts once for each of them. The names shown (persona names, objective labels) come
from the strategy file the draft was checked under.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from postlint import i18n
from postlint.findings import SEVERITIES
from postlint.report import messages
from postlint.resources import load_rules_yaml

DEFAULT_SHARE = 1 / 3  # when the fundraising-share rule is not in this installation
NONE = ""  # the key of the "no platform / no persona..." bar


@dataclass
class Bar:
    """One bar of a chart: what it counts, its label and its count."""

    key: str
    label: str
    count: int


@dataclass
class Fundraising:
    """The share of drafts that ask for money, against the acceptable share."""

    count: int
    total: int
    limit: float
    drafts: list[tuple[str, list[str]]] = field(default_factory=list)  # path, reasons (already worded)

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def over(self) -> bool:
        return self.share > self.limit + 1e-9


@dataclass
class Overview:
    """Everything the report shows, in the report's language."""

    lang: str
    organization: str | None
    files: int
    drafts: int  # readable drafts
    unreadable: int
    clean: int  # readable drafts with no finding
    severities: dict[str, int]
    rules: list[tuple[str, str, int]]  # code, name, count; most frequent first
    strategy_files: list[str]
    platforms: list[Bar]
    personas: list[Bar]
    objectives: list[Bar]
    languages: list[Bar]
    fundraising: Fundraising
    findings: list
    facts: list


def overview(report, lang: str | None = None) -> Overview:
    """Gather the report's counts from an engine Report (checked with facts)."""
    lang = lang or report.lang
    facts = list(report.facts)
    readable = [f for f in facts if f.readable]
    by_root = {str(s.root): s for s in report.strategies}
    severities = {severity: 0 for severity in reversed(SEVERITIES)}
    for finding in report.findings:
        severities[finding.severity] = severities.get(finding.severity, 0) + 1
    rule_counts = Counter((f.code, f.name) for f in report.findings)
    organizations = [s.organization for s in report.strategies if s.organization]
    return Overview(
        lang=lang,
        organization=", ".join(dict.fromkeys(organizations)) or None,
        files=report.files,
        drafts=len(readable),
        unreadable=len(facts) - len(readable),
        clean=sum(1 for f in readable if not f.findings),
        severities=severities,
        rules=[
            (code, name, n) for (code, name), n in sorted(rule_counts.items(), key=lambda i: (-i[1], i[0]))
        ],
        strategy_files=[str(s.path) for s in report.strategies if s.path],
        platforms=_platform_bars(readable, lang),
        personas=_persona_bars(readable, by_root, lang),
        objectives=_objective_bars(readable, by_root, lang),
        languages=_language_bars(readable, lang),
        fundraising=fundraising(readable, report.strategies, by_root, lang),
        findings=list(report.findings),
        facts=facts,
    )


def _bars(counts: Counter, label, none_key: str, lang: str) -> list[Bar]:
    """Bars from counts, most frequent first, the "none" bar last."""
    bars = [Bar(key, label(key), n) for key, n in counts.items() if key != NONE]
    bars.sort(key=lambda b: (-b.count, b.label.lower()))
    if counts.get(NONE):
        bars.append(Bar(NONE, messages.text(none_key, lang), counts[NONE]))
    return bars


def _platform_bars(facts, lang: str) -> list[Bar]:
    from postlint import platforms

    counts = Counter(p for f in facts for p in (f.platforms or (NONE,)))
    return _bars(counts, platforms.display_name, "no_platform", lang)


def _persona_bars(facts, by_root: dict, lang: str) -> list[Bar]:
    names: dict[str, str] = {}
    for settings in by_root.values():
        for key, persona in (settings.personas or {}).items():
            if isinstance(persona, dict) and persona.get("name"):
                names.setdefault(str(key), i18n.pick(persona["name"], lang))
    counts = Counter(p for f in facts for p in (f.personas or (NONE,)))
    return _bars(counts, lambda key: names.get(key, key), "no_persona", lang)


def _objective_labels(by_root: dict, lang: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for settings in by_root.values():
        for objective in settings.objectives or []:
            if isinstance(objective, dict) and objective.get("id"):
                label = objective.get("label") or objective["id"]
                labels.setdefault(str(objective["id"]), i18n.pick(label, lang))
    return labels


def _objective_bars(facts, by_root: dict, lang: str) -> list[Bar]:
    labels = _objective_labels(by_root, lang)
    counts = Counter(f.objective or NONE for f in facts)
    return _bars(counts, lambda key: labels.get(key, key), "no_objective", lang)


def language_name(code: str, lang: str) -> str:
    """`fr` -> `Français` / `French`, from rules/languages.yaml; the code when it is not there."""
    entry = (load_rules_yaml("languages.yaml").get("languages") or {}).get(code)
    names = i18n.pick(entry, lang) if isinstance(entry, dict) else None
    if not names:
        return code
    name = names[0] if isinstance(names, list) else str(names)
    return name[:1].upper() + name[1:]


def _language_bars(facts, lang: str) -> list[Bar]:
    counts = Counter(f.lang or NONE for f in facts)
    return _bars(counts, lambda code: language_name(code, lang), "no_language", lang)


def acceptable_share(strategies) -> float:
    """The fundraising-share rule's `share`: the first strategy file's setting, else the rule's
    default, else a third."""
    from postlint import catalogue

    for settings in strategies:
        value = settings.rule("fundraising-share").params.get("share")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    try:
        value = catalogue.get("fundraising-share").params.get("share", DEFAULT_SHARE)
    except KeyError:
        return DEFAULT_SHARE
    return float(value) if isinstance(value, (int, float)) else DEFAULT_SHARE


def fundraising(facts, strategies, by_root: dict, lang: str) -> Fundraising:
    """The drafts that ask for money (their text does, or their objective is a fundraising one)."""
    result = Fundraising(count=0, total=len(facts), limit=acceptable_share(strategies))
    for fact in facts:
        settings = by_root.get(fact.root)
        objectives = {
            str(o.get("id")): o
            for o in (settings.objectives if settings else [])
            if isinstance(o, dict) and o.get("fundraising")
        }
        reasons = []
        if fact.objective in objectives:
            label = i18n.pick(objectives[fact.objective].get("label") or fact.objective, lang)
            reasons.append(messages.text("why_objective", lang, label=label))
        if fact.money:
            reasons.append(messages.text("why_money", lang))
        if reasons:
            result.count += 1
            result.drafts.append((fact.path, reasons))
    return result
