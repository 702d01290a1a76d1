"""Drafts checked stage by stage in a batch (`Engine.check_batch`) give what each gives alone."""

from __future__ import annotations

import dataclasses

import pytest

from postlint import catalogue, engine
from postlint.discovery import collect
from tests.conftest import FIXTURES, generated_corpus


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    """Drafts under two strategy files, taken in turn (the bench's generated drafts, broken ones
    included, and the fixtures), a missing file and a folder, each with its settings."""
    corpus = generated_corpus(tmp_path_factory.mktemp("batches") / "corpus", 80)
    checker = engine.Engine(engine.Options(facts=True))

    def found(path) -> list:
        return [(c, checker.settings_for(c.absolute_path())) for c in collect([str(path)])]

    generated, fixtures = found(corpus), found(FIXTURES / "posts")
    (corpus / "folder.md").mkdir()
    odd = found(corpus / "gone.md") + found(corpus / "folder.md")
    assert [(c.missing, c.folder) for c, _ in odd] == [(True, False), (False, True)]
    mixed = [pair for two in zip(generated, fixtures, strict=False) for pair in two]
    assert len({id(settings) for _, settings in mixed}) == 2
    return checker, mixed + odd + generated[len(fixtures) :]


def seen(result: engine.Checked) -> tuple:
    facts = result.facts and dataclasses.replace(result.facts, suppressions=None)
    return [f.as_dict() for f in result.findings], facts, result.files


def test_a_batch_gives_what_each_draft_gives_alone(items):
    checker, work = items
    alone = [seen(checker.check_candidate(candidate, settings)) for candidate, settings in work]
    assert any(found for found, _, _ in alone) and any(facts.signature for _, facts, _ in alone if facts)
    batched = [seen(result) for result in checker.check_batch([(*pair, None) for pair in work])]
    assert batched == alone


def test_a_failure_outside_the_checks_costs_only_its_draft(items, monkeypatch):
    checker, work = items
    work = work[:40]
    alone = [seen(checker.check_candidate(candidate, settings)) for candidate, settings in work]
    readable = [index for index, (_, facts, _) in enumerate(alone) if facts and facts.readable]
    targets = {work[readable[1]][0].shown, work[readable[-2]][0].shown}
    facts_of = engine.facts_of

    def failing(draft, *args, **kwargs):
        if draft.path in targets:
            raise RuntimeError("boom")
        return facts_of(draft, *args, **kwargs)

    monkeypatch.setattr(engine, "facts_of", failing)
    batched = checker.check_batch([(*pair, None) for pair in work])
    for index, result in enumerate(batched):
        if work[index][0].shown in targets:
            assert [(f.code, f.line) for f in result.findings] == [("PL000", 1)]
            assert "RuntimeError: boom" in result.findings[0].message and not result.facts.readable
        else:
            assert seen(result) == alone[index]


def test_a_check_that_fails_on_one_draft_of_a_batch_spares_the_others(items, monkeypatch):
    checker, work = items
    work = work[:40]
    alone = [seen(checker.check_candidate(candidate, settings)) for candidate, settings in work]
    fired = [index for index, (found, _, _) in enumerate(alone) if "PL101" in str(found)]
    target = work[fired[1]][0].shown
    rule = catalogue.get("length-guide")
    real = engine.check_function(rule)

    def failing(draft, ctx):
        if draft.path == target:
            raise ValueError("not this one")
        return real(draft, ctx)

    monkeypatch.setitem(engine._FUNCTIONS, "length-guide", failing)
    fresh = engine.Engine(checker.options)  # whose plans take the failing check
    batched = fresh.check_batch([(*pair, None) for pair in work])
    for index, result in enumerate(batched):
        found = [f.as_dict() for f in result.findings]
        if work[index][0].shown == target:
            crashed = [f for f in result.findings if f.code == "PL000"]
            assert len(crashed) == 1 and "length-guide" in crashed[0].message
            assert "PL101" not in {f.code for f in result.findings}
            others = [f for f in alone[index][0] if f["code"] != "PL101"]
            assert [f for f in found if f["code"] != "PL000"] == others
        else:
            assert seen(result) == alone[index]
