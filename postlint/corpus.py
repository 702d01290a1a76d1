"""The checks across drafts: run once per strategy file, on the facts of all its drafts.

The drafts passed on the command line are reported on; when they are only some of the drafts of
the strategy file's folder (pre-commit passes the files of a commit), the other drafts of that
folder are read too, for context (their facts only: no finding is reported on them), so that a
duplicate of an older draft or a busy day in the calendar is still seen. Without a strategy file
there is no content folder: the drafts passed are the whole picture.

A finding on the strategy file itself (objectives that are all fundraising) is reported only when
a folder passed holds the whole content folder, not on a run given files (pre-commit's).
"""

from __future__ import annotations

import importlib
import os

from postlint import catalogue, config, context
from postlint.discovery import shown_path
from postlint.engine import rule_setting
from postlint.facts import DraftFacts
from postlint.findings import Finding


class CorpusContext:
    """What a check across drafts gets: its rule, settings, message language, every draft of the
    content folder, and which of them (by absolute file) it may report on."""

    def __init__(
        self,
        rule: catalogue.Rule,
        settings: config.Settings,
        lang: str,
        drafts: list[DraftFacts],
        reported: set[str],
        whole_folder: bool,
    ):
        self.rule = rule
        self.settings = settings
        self.lang = lang
        self.drafts = drafts
        self.reported = reported
        self.whole_folder = whole_folder
        self.severity, self.severity_set, self.params = rule_setting(rule, settings)

    def msg(self, message: str, /, **fields) -> str:
        return self.rule.message(message, self.lang, fields)

    def name(self, draft: DraftFacts) -> str:
        """A draft's path as the message names it: from the content folder (the strategy file's)."""
        try:
            return os.path.relpath(draft.file, self.settings.root)
        except ValueError:  # another drive on Windows
            return draft.path

    def reports_on(self, draft: DraftFacts) -> bool:
        return draft.file in self.reported

    def report(
        self,
        draft: DraftFacts,
        message: str,
        line: int,
        /,
        *,
        severity: str | None = None,
        suggestion: str | None = None,
        **fields,
    ) -> Finding:
        """A finding on a draft, at a line of its file. `severity`: this finding's own, unless the
        strategy file set the rule's."""
        shown = severity if severity and not self.severity_set else self.severity
        message_text = self.msg(message, **fields)
        return Finding(
            self.rule.code, self.rule.name, shown, draft.path, line, 1, message_text, suggestion=suggestion
        )

    def report_strategy(self, message: str, key: str, /, **fields) -> Finding | None:
        """A finding on the strategy file, at one of its top-level keys; None on a partial run or
        without a strategy file."""
        if not self.whole_folder or self.settings.path is None:
            return None
        line = self.settings.key_lines.get(key, 1)
        shown = shown_path(self.settings.path)
        return Finding(
            self.rule.code, self.rule.name, self.severity, shown, line, 1, self.msg(message, **fields)
        )


def corpus_findings(engine, work: list, facts: list[DraftFacts], paths: list[str]) -> list[Finding]:
    """The findings of the checks across drafts, for every strategy file in use."""
    groups: dict[int, tuple[config.Settings, list[DraftFacts]]] = {}
    settings_of_root = {str(settings.root): settings for _, settings in work}
    for draft in facts:
        settings = settings_of_root.get(draft.root)
        if settings is not None:
            groups.setdefault(id(settings), (settings, []))[1].append(draft)
    found: list[Finding] = []
    for settings, passed in groups.values():
        rules = engine.corpus_rules(settings)
        if rules:
            found.extend(_group_findings(engine, settings, rules, passed, _covers(paths, settings.root)))
    return found


def _group_findings(engine, settings: config.Settings, rules: list, passed: list[DraftFacts], whole: bool):
    """The findings of the checks across drafts under one strategy file; from the cache when the
    drafts it would look at are all as they were."""
    reported = {draft.file for draft in passed}
    others = context.other_drafts(engine, settings, reported) if settings.path is not None else []
    store = engine.cache_for(settings)
    key = None
    # the files findings may be on, and how each is shown (the cache keeps the files)
    shown = {draft.file: draft.path for draft in passed}
    if settings.path is not None:
        shown[os.path.abspath(settings.path)] = shown_path(settings.path)
    if store is not None:
        key = context.across_key(engine, store, settings, passed, others, whole)
        kept = store.load_findings(key, shown)
        if kept is not None:
            return kept
    drafts = [draft for draft in passed if draft.readable]
    drafts.extend(context.facts_of_others(engine, settings, others))
    drafts.sort(key=lambda d: d.file)  # the same order from any folder (the cache keeps the result)
    lang = engine.language(settings)
    found: list[Finding] = []
    for rule in rules:
        ctx = CorpusContext(rule, settings, lang, drafts, reported, whole_folder=whole)
        found.extend(_run(rule, ctx, passed))
    if key is not None:
        store.store_findings(key, found, {path: file for file, path in shown.items()})
    return found


def _covers(paths: list[str], root) -> bool:
    """A folder passed on the command line holds the whole content folder (not a partial run)."""
    wanted = os.path.abspath(root)
    for raw in paths:
        folder = os.path.abspath(raw)
        if os.path.isdir(folder) and (wanted == folder or wanted.startswith(folder.rstrip(os.sep) + os.sep)):
            return True
    return False


def _run(rule: catalogue.Rule, ctx: CorpusContext, passed: list[DraftFacts]) -> list[Finding]:
    suppressions = {draft.path: draft.suppressions for draft in passed}
    try:
        function = getattr(importlib.import_module(f"postlint.checks.{rule.check}"), rule.function)
        found = [f for f in function(ctx.drafts, ctx) if f is not None]
    except Exception as exc:  # a defect in a check must not stop the run
        crash = catalogue.get("internal-error")
        detail = f"{type(exc).__name__}: {exc}"
        return [
            Finding(
                crash.code,
                crash.name,
                "error",
                draft.path,
                1,
                1,
                crash.message("crashed", ctx.lang, {"rule": rule.name, "detail": detail}),
            )
            for draft in passed[:1]
        ]
    kept = []
    for finding in found:
        hides = suppressions.get(finding.path)
        if hides is not None and hides.hides(rule, finding.line):
            continue
        kept.append(finding)
    return kept
