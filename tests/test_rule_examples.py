"""Every rule's documented examples: the one that fires must fire it, the quiet one must not.

The examples are those `postlint explain` shows (rules/<rule>.yaml, `examples:`), so the
documentation can never drift from what the rule does. An example is a draft's text, or a mapping:
{draft: ..., settings: {param: value}} runs it with the rule's parameters changed;
{draft: ..., strategy: {...}} runs it under that strategy file (personas, partners...), written as
the example's postlint.yaml; {bytes: ...} and {as: folder} are files that can't be read as drafts;
{drafts: {name: text, ...}} is a content folder of several drafts, for the checks across drafts
(the rule must fire on, or stay quiet on, the folder as a whole).
"""

from __future__ import annotations

import pytest
import yaml

from postlint import catalogue, engine

RULES = [rule for rule in catalogue.rules().values() if rule.name != "internal-error"]


def _materialise(example, folder):
    """Write an example (draft text, raw bytes or a folder); return its path, the rule's settings
    and the strategy file it runs under."""
    settings, strategy = {}, {}
    target = folder / "example.md"
    if isinstance(example, dict):
        settings = example.get("settings") or {}
        strategy = dict(example.get("strategy") or {})
        if example.get("as") == "folder":
            target.mkdir()
            return target, settings, strategy
        if "drafts" in example:
            target = folder / "content"
            target.mkdir()
            for name, text in example["drafts"].items():
                (target / name).write_text(text, encoding="utf-8")
            return target, settings, strategy
        if "bytes" in example:
            target.write_bytes(example["bytes"].encode("latin-1"))
            return target, settings, strategy
        example = example.get("draft", "")
    target.write_text(example, encoding="utf-8")
    return target, settings, strategy


def _codes(rule, example, tmp_path):
    target, params, strategy = _materialise(example, tmp_path)
    if params:
        strategy["rules"] = {**(strategy.get("rules") or {}), rule.name: params}
    # the strategy file sits in the folder above the example: it is the content folder's
    (tmp_path / "postlint.yaml").write_text(yaml.safe_dump(strategy, allow_unicode=True), encoding="utf-8")
    report = engine.check_paths([str(target)], engine.Options(lang="en"))
    return [finding.code for finding in report.findings]


def test_every_rule_has_both_examples():
    missing = [r.name for r in RULES if not r.examples.get("fires") or not r.examples.get("quiet")]
    assert missing == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_fires_example_fires(rule, tmp_path):
    assert rule.code in _codes(rule, rule.examples["fires"], tmp_path)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_quiet_example_stays_quiet(rule, tmp_path):
    assert rule.code not in _codes(rule, rule.examples["quiet"], tmp_path)


@pytest.mark.parametrize("rule", list(catalogue.rules().values()), ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule):
    assert rule.code.startswith("PL") and len(rule.code) == 5
    assert rule.severity in ("error", "warning", "info")
    for entry in (rule.summary, rule.what, rule.why):
        assert entry.get("fr") and entry.get("en")
    assert rule.messages, "a rule says something"
    for key, message in rule.messages.items():
        assert message.get("fr") and message.get("en"), key
    assert rule.guide or rule.sources, "every rule cites the guide or its source"


def test_codes_and_names_are_unique():
    rules = list(catalogue.rules().values())
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
