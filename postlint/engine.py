"""Run the checks over drafts: settings per file, reading, checks, suppression, sorting.

One bad file never stops the others: what is wrong with a file is a finding on it, and a check that
fails on a draft becomes an `internal-error` finding instead of a traceback. Only a strategy file
that can't be used stops the run (ConfigError), since no draft could be checked fairly without it.

Jobs: every file is found and every strategy file loaded in this process first (so a bad strategy
file stops the run before any work), then the drafts are checked here or, with `jobs` > 1 and
enough drafts, in worker processes forked from this one: the first batch is checked here (which
loads whatever the rules need, models included, once, for the workers to inherit), the rest goes to
the workers in batches, and the results come back in order, so the report is the same whatever the
number of jobs. Workers are only ever forked: where the platform has no safe `fork`, the run stays
in one process (spawned workers would have to import and load everything again, which costs more
than it saves here).

Drafts are checked a batch at a time, stage by stage (`Engine.check_batch`): all read, then each
check over all of them, then their facts; the results are those of one draft at a time.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import math
import os
import sys
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from postlint import catalogue, collector, config, i18n
from postlint.discovery import Candidate, collect, excluded
from postlint.facts import DraftFacts, facts_of, unreadable
from postlint.findings import Finding
from postlint.streams import flush_std_streams

if TYPE_CHECKING:  # reading drafts is imported by the runs that read one (a cached run reads none)
    from collections.abc import Callable, Sequence

    from postlint.draft import Draft, Limits, Problem
    from postlint.suppression import Suppressions


@dataclass
class Options:
    """What the command line asked for."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    config: Path | None = None
    lang: str | None = None
    jobs: int = 1  # worker processes; 0: one per usable core
    facts: bool = False  # keep every draft's facts, languages detected (the report needs them)
    cache: bool = False  # keep results on disk and reuse them (the command line turns it on)
    cache_dir: Path | None = None  # None: .postlint_cache/ beside each strategy file


@dataclass(slots=True)
class Checked:
    """What checking one file gives: its findings, and its facts (None when no check across
    drafts and no report needs them)."""

    findings: list[Finding]
    facts: DraftFacts | None
    files: tuple[str, ...] = ()  # the files read besides the draft (its images), for the cache


@dataclass
class Report:
    findings: list[Finding]
    files: int
    lang: str
    fail_on: str
    rules: list[catalogue.Rule]  # the rules that were on, for formats that list them
    workers: int = 0  # worker processes the drafts were checked in (0: this process only)
    facts: list = field(default_factory=list)  # DraftFacts of the drafts checked, in order
    strategies: list = field(default_factory=list)  # the strategy files' Settings, in order of use
    checked: list = field(default_factory=list)  # absolute paths of the files checked


def rule_setting(rule: catalogue.Rule, settings: config.Settings) -> tuple[str, bool, dict]:
    """A rule's severity under a strategy file, whether the file set it, and its parameters."""
    setting = settings.rule(rule.name)
    return setting.severity or rule.severity, setting.severity is not None, {**rule.params, **setting.params}


class RuleContext:
    """What a check gets besides the draft: its rule, settings, parameters and message language."""

    __slots__ = ("rule", "settings", "lang", "draft", "severity", "severity_set", "params")

    def __init__(
        self,
        rule: catalogue.Rule,
        settings: config.Settings,
        lang: str,
        draft: Draft,
        setting: tuple[str, bool, dict] | None = None,
    ):
        self.rule = rule
        self.settings = settings
        self.lang = lang
        self.draft = draft
        # `setting`: rule_setting(rule, settings), worked out once for every draft (checks only read it)
        self.severity, self.severity_set, self.params = setting or rule_setting(rule, settings)

    def msg(self, message: str, /, **fields) -> str:
        return self.rule.message(message, self.lang, fields)

    def report(
        self,
        message: str,
        line: int,
        column: int = 1,
        /,
        *,
        end_line: int | None = None,
        end_column: int | None = None,
        suggestion: str | None = None,
        soft: bool = False,
        **fields,
    ) -> Finding:
        """A finding of this rule. `soft`: a reported (not documented) fact, so warning at most."""
        severity = self.severity
        if soft and not self.severity_set and severity == "error":
            severity = "warning"
        return Finding(
            self.rule.code,
            self.rule.name,
            severity,
            self.draft.path,
            line,
            column,
            self.msg(message, **fields),
            end_line,
            end_column,
            suggestion,
        )

    def at_text(self, message: str, start: int, end: int | None = None, /, **kwargs) -> Finding:
        """A finding placed on characters `start`..`end` of the post's text."""
        line, column = self.draft.text_position(start)
        end_line = end_column = None
        if end is not None and end > start:
            end_line, end_column = self.draft.text_position(end - 1)
            end_column += 1
        return self.report(message, line, column, end_line=end_line, end_column=end_column, **kwargs)


class Engine:
    def __init__(self, options: Options):
        self.options = options
        self._settings_by_file: dict[Path, config.Settings] = {}
        self._config_by_folder: dict[str, Path | None] = {}
        self._rules_by_settings: dict[int, list[catalogue.Rule]] = {}
        self._plans: dict[int, _Plan] = {}
        self._languages: dict[str | None, str] = {}  # the strategy's `language` -> the messages'
        self._forced = config.load_settings(options.config) if options.config else None
        self._default = config.default_settings(Path.cwd())
        self._caches: dict[int, object] = {}
        self.probes: dict[str, object] = {}  # absolute file -> the cache's probe of the drafts checked

    def cache_for(self, settings: config.Settings):
        """The result cache of drafts under `settings` (a `postlint.cache.ResultCache`), or None."""
        if not self.options.cache:
            return None
        key = id(settings)
        if key not in self._caches:
            from postlint import cache

            folder = cache.folder_for(settings.root, self.options.cache_dir)
            described = cache.settings_key(settings, self.options, self.language(settings))
            self._caches[key] = cache.ResultCache(folder, described)
        return self._caches[key]

    def probe(self, candidate: Candidate, settings: config.Settings):
        """The cache's view of a draft (`postlint.cache.Probe`), or None when nothing is cached."""
        if self.cache_for(settings) is None or candidate.missing or candidate.folder:
            return None
        from postlint import cache

        return cache.probe(candidate.absolute_path(), self.max_bytes(settings))

    def cached(self, candidate: Candidate, settings: config.Settings, probe) -> Checked | None:
        """What checking the draft gave last time, when its entry is whole and still true."""
        store = self.cache_for(settings)
        key = store.key(probe.file, probe.digest)
        entry = store.load(key, candidate.shown, probe.file, str(settings.root))
        if entry is None or entry.findings is None or (entry.facts is None and self.wants_facts(settings)):
            return None
        return Checked(entry.findings, entry.facts)

    def check_batch(self, items: Sequence[tuple[Candidate, config.Settings, object]]) -> list[Checked]:
        """What checking each (candidate, settings, cache probe) gives, in order, each result kept
        in the cache when its file did not change meanwhile.

        The work goes stage by stage over all the drafts rather than draft by draft: every draft is
        read, then each check runs on every draft in turn, then their facts are worked out. The
        results are the same as one draft at a time, for ~20% less time: each stage's code and data
        stay in the processor's caches instead of being driven out by the thirty others' (measured
        on the bench corpus, batches of 16 to 256 drafts). A failure outside the checks makes the
        draft's findings one internal-error finding; a failing check, one instead of its own
        (`_run_check`)."""
        results: list[Checked | None] = [None] * len(items)
        groups: dict[int, list[tuple[int, _Underway]]] = {}  # by strategy file, drafts being checked
        for index, (candidate, settings, _probe) in enumerate(items):
            try:
                started = self._start(candidate, settings)
            except Exception as exc:  # a defect in postlint must not stop the other files
                results[index] = self._crashed(candidate, settings, exc)
                continue
            if isinstance(started, Checked):
                results[index] = started
            else:
                groups.setdefault(id(settings), []).append((index, started))
        for group in groups.values():
            plan = group[0][1].plan
            for rule, setting, function in plan.checks:
                for _index, underway in group:
                    if underway.checked:
                        self._run_check(rule, setting, function, underway)
        for group in groups.values():
            for index, underway in group:
                try:
                    results[index] = self._finish(underway)
                except Exception as exc:
                    results[index] = self._crashed(underway.candidate, underway.settings, exc)
        for (_candidate, settings, probe), result in zip(items, results, strict=True):
            if probe is None:
                continue
            crashed = any(finding.name == "internal-error" for finding in result.findings)
            if not crashed and probe.unchanged():  # a crash is tried again next time
                store = self.cache_for(settings)
                key = store.key(probe.file, probe.digest)
                store.store(key, result.findings, result.facts, result.files)
        return results

    def settings_for(self, file: Path | str) -> config.Settings:
        if self._forced is not None:
            return self._forced
        folder = os.path.dirname(file if os.path.isabs(file) else os.path.join(os.getcwd(), file))
        if folder not in self._config_by_folder:
            self._config_by_folder[folder] = config.find_config(Path(folder).absolute())
        path = self._config_by_folder[folder]
        if path is None:
            return self._default
        if path not in self._settings_by_file:
            self._settings_by_file[path] = config.load_settings(path)
        return self._settings_by_file[path]

    def rules_for(self, settings: config.Settings) -> list[catalogue.Rule]:
        """The rules on for drafts under `settings` (the command line's select/ignore applied)."""
        key = id(settings)
        if key not in self._rules_by_settings:
            select = self.options.select if self.options.select else settings.select
            ignore = [*settings.ignore, *self.options.ignore]
            # a rule that is off by default is on when the strategy file gives it settings
            turned_on = tuple(name for name, setting in settings.rule_settings.items() if setting.enabled)
            self._rules_by_settings[key] = [
                rule
                for rule in catalogue.selected(select, ignore, turned_on)
                if settings.rule(rule.name).enabled
            ]
        return self._rules_by_settings[key]

    def language(self, settings: config.Settings) -> str:
        """The language of the messages for drafts under `settings` (asked once per draft: the
        locale variables are read once per strategy language)."""
        declared = settings.language if isinstance(settings.language, str) else None
        found = self._languages.get(declared)
        if found is None:
            found = self._languages[declared] = i18n.choose_language(self.options.lang, declared)
        return found

    def corpus_rules(self, settings: config.Settings) -> list[catalogue.Rule]:
        return [rule for rule in self.rules_for(settings) if rule.corpus]

    def wants_facts(self, settings: config.Settings) -> bool:
        return self.options.facts or bool(self.corpus_rules(settings))

    def check_candidate(self, candidate: Candidate, settings: config.Settings) -> Checked:
        """The findings of one file, and its facts when the checks across drafts need them (not
        kept in the cache; `check_batch` checks many faster)."""
        return self.check_batch([(candidate, settings, None)])[0]

    def _start(self, candidate: Candidate, settings: config.Settings) -> _Underway | Checked:
        """A draft read, with the findings of what is wrong with the file; what checking it gives
        when that is all (a missing file, a folder)."""
        from postlint.draft import Draft, Problem, read_draft
        from postlint.suppression import read_suppressions

        plan = self._plan(settings)
        if candidate.missing or candidate.folder:
            key = "folder" if candidate.folder else "missing"
            draft = Draft(path=candidate.shown, file=candidate.file)
            problem = Problem("unreadable-file", key, 1, fields={"name": candidate.file.name})
            found = self._problem_findings(draft, [problem], plan.rules, settings, plan.lang)
            root = str(settings.root)
            return Checked(found, unreadable(candidate.shown, os.path.abspath(candidate.file), root))
        draft = read_draft(candidate.file, candidate.shown, plan.limits)
        suppressions = read_suppressions(draft) if draft.readable else None
        problems = draft.problems + (suppressions.problems if suppressions else [])
        findings = (
            self._problem_findings(draft, problems, plan.rules, settings, plan.lang) if problems else []
        )
        checked = draft.readable and bool(draft.text)
        return _Underway(candidate, settings, plan, draft, suppressions, findings, checked)

    def _finish(self, underway: _Underway) -> Checked:
        """What checking a draft gave, once its checks have run: suppressed findings left out, the
        others in order, and its facts."""
        draft, suppressions, findings = underway.draft, underway.suppressions, underway.findings
        if suppressions is not None and (suppressions.file or suppressions.ranges):
            findings = [
                f
                for f in findings
                if f.code == "PL015" or not suppressions.hides(catalogue.get(f.name), f.line)
            ]
        findings.sort(key=Finding.sort_key)
        facts = None
        if underway.plan.wants_facts:
            settings = underway.settings
            absolute = underway.candidate.absolute_path()
            facts = facts_of(
                draft, str(settings.root), settings, detect_language=self.options.facts, absolute=absolute
            )
            facts.suppressions = suppressions
        files = ()
        if self.options.cache and draft.readable:
            from postlint.cache import image_files

            files = tuple(image_files(draft))
        return Checked(findings, facts, files)

    def _crashed(self, candidate: Candidate, settings: config.Settings, exc: BaseException) -> Checked:
        """What checking a file gives when postlint failed outside the checks: an internal-error
        finding, and facts that leave the file out of the checks across drafts."""
        facts = unreadable(candidate.shown, os.path.abspath(candidate.file), str(settings.root))
        return Checked([self.crash_finding(candidate, settings, exc)], facts)

    def crash_finding(self, candidate: Candidate, settings: config.Settings, exc: BaseException) -> Finding:
        from postlint.draft import Draft

        draft = Draft(path=candidate.shown, file=candidate.file)
        ctx = RuleContext(catalogue.get("internal-error"), settings, self.language(settings), draft)
        return ctx.report("crashed", 1, rule="postlint", detail=f"{type(exc).__name__}: {exc}")

    def max_bytes(self, settings: config.Settings) -> int:
        """The largest draft read (the file-too-large rule's `max_bytes`)."""
        params = {**catalogue.get("file-too-large").params, **settings.rule("file-too-large").params}
        return int(params["max_bytes"])

    def _limits(self, settings: config.Settings) -> Limits:
        from postlint.draft import Limits

        yaml = {**catalogue.get("front-matter-syntax").params, **settings.rule("front-matter-syntax").params}
        return Limits(
            max_bytes=self.max_bytes(settings),
            max_yaml_values=int(yaml["max_values"]),
            max_yaml_depth=int(yaml["max_depth"]),
        )

    def _problem_findings(
        self, draft: Draft, problems: list[Problem], rules: dict, settings: config.Settings, lang: str
    ) -> list[Finding]:
        findings = []
        for problem in problems:
            rule = rules.get(problem.rule)
            if rule is None:
                continue
            if problem.key == "os_error" and problem.fields.get("reason"):
                problem = _os_problem(problem)
            ctx = RuleContext(rule, settings, lang, draft)
            findings.append(
                ctx.report(
                    problem.key, problem.line, problem.column, suggestion=problem.suggestion, **problem.fields
                )
            )
        return findings

    def _plan(self, settings: config.Settings) -> _Plan:
        """What checking a draft under `settings` needs, worked out for its first draft."""
        plan = self._plans.get(id(settings))
        if plan is None:
            checks = [
                (rule, rule_setting(rule, settings), check_function(rule))
                for rule in self.rules_for(settings)
                if not rule.input and not rule.corpus
            ]
            rules = {rule.name: rule for rule in self.rules_for(settings)}
            limits, facts = self._limits(settings), self.wants_facts(settings)
            plan = _Plan(self.language(settings), rules, checks, limits, facts)
            self._plans[id(settings)] = plan
        return plan

    @staticmethod
    def _run_check(rule: catalogue.Rule, setting: tuple, function: Callable, underway: _Underway) -> None:
        """Add the findings of one check on a draft to the draft's; a check that fails adds an
        internal-error finding instead of what it had found."""
        draft, lang, findings = underway.draft, underway.plan.lang, underway.findings
        before = len(findings)
        try:
            findings.extend(function(draft, RuleContext(rule, underway.settings, lang, draft, setting)))
        except Exception as exc:  # a defect in a check must not stop the run
            del findings[before:]
            crash_ctx = RuleContext(catalogue.get("internal-error"), underway.settings, lang, draft)
            detail = f"{type(exc).__name__}: {exc}"
            findings.append(crash_ctx.report("crashed", draft.body_line, rule=rule.name, detail=detail))


@dataclass(slots=True)
class _Plan:
    """What checking drafts under one strategy file needs, worked out once (`Engine._plan`)."""

    lang: str  # of the messages
    rules: dict[str, catalogue.Rule]  # the rules on, by name
    checks: list[tuple[catalogue.Rule, tuple, Callable]]  # the rules that check one draft, with
    # rule_setting and their function
    limits: Limits
    wants_facts: bool


@dataclass(slots=True)
class _Underway:
    """A draft read and being checked (`Engine.check_batch`)."""

    candidate: Candidate
    settings: config.Settings
    plan: _Plan
    draft: Draft
    suppressions: Suppressions | None
    findings: list[Finding]  # so far
    checked: bool  # whether the checks run on it (a readable draft with text)


_FUNCTIONS: dict[str, object] = {}


def check_function(rule: catalogue.Rule):
    """The function that checks `rule`, its module imported the first time it is asked for."""
    function = _FUNCTIONS.get(rule.name)
    if function is None:
        function = getattr(importlib.import_module(f"postlint.checks.{rule.check}"), rule.function)
        _FUNCTIONS[rule.name] = function
    return function


_ERRNO_KEYS = {"ELOOP": "loop", "ENOENT": "missing", "EACCES": "permission", "EPERM": "permission"}


def _os_problem(problem: Problem) -> Problem:
    import errno

    from postlint.draft import Problem

    code = problem.fields.get("errno")
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    key = _ERRNO_KEYS.get(name)
    if key:
        return Problem(problem.rule, key, problem.line, problem.column, problem.fields)
    return problem


def use_rules_snapshot(paths: list[str], options: Options) -> None:
    """Take postlint's own parsed rule files from the cache folder the first path's drafts use
    (see `postlint.cache.use_rules_snapshot`), or with the cache off from the data folder (see
    `postlint.resources.use_kept`); before any rule file is loaded."""
    if not options.cache:
        from postlint import resources

        resources.use_kept()
        return
    from postlint import cache

    cache.use_rules_snapshot(options.cache_dir or cache.folder_for(_first_root(paths, options)))


def _first_root(paths: list[str], options: Options) -> Path:
    """The folder of the strategy file that rules the first path (the current folder without one)."""
    if options.config:
        return Path(options.config).absolute().parent
    start = Path(paths[0] if paths else ".").absolute()
    try:
        strategy = config.find_config(start if start.is_dir() else start.parent)
    except (OSError, ValueError):  # a name too long, a NUL: the run will say so
        strategy = None
    return strategy.parent if strategy is not None else Path.cwd()


def check_paths(paths: list[str], options: Options) -> Report:
    """Check every draft under `paths`; raise config.ConfigError for an unusable strategy file."""
    use_rules_snapshot(paths, options)
    engine = Engine(options)
    work: list[tuple[Candidate, config.Settings]] = []
    used_rules: dict[str, catalogue.Rule] = {}
    langs = []
    fail_on = None
    strategies: dict[int, config.Settings] = {}  # the strategy files used, in order of first use
    for candidate in collect(paths):
        absolute = candidate.absolute_path()
        settings = engine.settings_for(absolute)
        if excluded(absolute, settings.root, settings.exclude):
            continue
        work.append((candidate, settings))
        if id(settings) not in strategies:
            strategies[id(settings)] = settings
            fail_on = fail_on or settings.fail_on
            langs.append(engine.language(settings))
            for rule in engine.rules_for(settings):
                used_rules.setdefault(rule.name, rule)
    checked, workers = _check_with_cache(engine, work, options.jobs)
    facts = [result.facts for result in checked if result.facts is not None]
    if any(engine.corpus_rules(s) for s in strategies.values()):
        from postlint.corpus import corpus_findings

        across = corpus_findings(engine, work, facts, paths)
        findings = _in_file_order([result.findings for result in checked], across, work)
    else:
        findings = [f for result in checked for f in result.findings]
    by_path: dict[str, dict[str, int]] = {}
    for finding in findings:
        counts = by_path.setdefault(finding.path, {})
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    for fact in facts:
        fact.findings = by_path.get(fact.path, {})
    if fail_on is None:
        settings = engine._forced or engine.settings_for(Path.cwd() / "_")
        fail_on = settings.fail_on
        langs.append(engine.language(settings))
    rules = sorted(used_rules.values(), key=lambda r: r.code)
    checked_files = [candidate.absolute_path() for candidate, _ in work]
    if options.cache:
        from postlint import cache

        cache.keep_rules_snapshot()
    used = list(strategies.values())
    return Report(findings, len(work), langs[0], fail_on, rules, workers, facts, used, checked_files)


def _in_file_order(per_file: list[list[Finding]], across: list[Finding], work: list) -> list[Finding]:
    """The findings of each file of `work` (`per_file`, in the order of `work`, each list in order of
    position and on the file's shown path, as the engine makes them) and those of the checks across
    drafts (`across`), file by file in the order the files were checked (a file that is not one of
    them, as the strategy file, after them, by path), then by position; at the same place, a file's
    own findings first, then the others in the order they came.

    The same as one sort of all of them (a file given twice: that sort), but only the files that
    `across` names are sorted again, on keys read in C (one sort of the 48,000 findings of 10,000
    drafts cost 0.03 s)."""
    order = {candidate.shown: index for index, (candidate, _) in enumerate(work)}
    after = len(order)
    if after < len(work):
        return sorted(
            [f for found in per_file for f in found] + across,
            key=lambda f: (order.get(f.path, after), f.path, f.line, f.column, f.code),
        )
    added: dict[int, list[Finding]] = {}
    for finding in across:
        added.setdefault(order.get(finding.path, after), []).append(finding)
    position = attrgetter("line", "column", "code")
    ordered: list[Finding] = []
    for index, found in enumerate(per_file):
        extra = added.get(index)
        ordered.extend(found if extra is None else sorted(found + extra, key=position))
    ordered.extend(sorted(added.get(after, ()), key=attrgetter("path", "line", "column", "code")))
    return ordered


# --- jobs ---------------------------------------------------------------------------------------

BATCH = 64  # most drafts sent to a worker at a time; fewer than two batches' worth stay in one process

# What forked workers inherit from this process: the engine (settings and rules loaded), the
# (candidate, settings) pairs and the cache's probes; a task is a range of indexes into the pairs.
_SHARED: tuple[Engine, list[tuple[Candidate, config.Settings]], list] | None = None


def usable_cores() -> int:
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def fork_context():
    """The `fork` start method, or None where the platform has none (or none safe: macOS)."""
    import multiprocessing

    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")  # explicit: Python 3.14 defaults to forkserver


def _check_with_cache(
    engine: Engine, work: list[tuple[Candidate, config.Settings]], jobs: int
) -> tuple[list[Checked], int]:
    """What checking every file gave, in order, taken from the cache where it holds the draft as
    it is; the number of worker processes used."""
    if not engine.options.cache:
        return _check_all(engine, work, jobs)
    probes = [engine.probe(candidate, settings) for candidate, settings in work]
    checked: list[Checked | None] = [
        engine.cached(candidate, settings, probe) if probe is not None else None
        for (candidate, settings), probe in zip(work, probes, strict=True)
    ]
    missing = [index for index, result in enumerate(checked) if result is None]
    if missing:
        found, workers = _check_all(engine, [work[i] for i in missing], jobs, [probes[i] for i in missing])
        for index, result in zip(missing, found, strict=True):
            checked[index] = result
    else:
        workers = 0
    engine.probes = {probe.file: probe for probe in probes if probe is not None}
    return checked, workers


def _check_all(
    engine: Engine, work: list[tuple[Candidate, config.Settings]], jobs: int, probes: list | None = None
) -> tuple[list[Checked], int]:
    """What checking every file gave, in order, and the number of worker processes used. With
    `probes` (the cache's view of each file), each result is kept in the cache by the process that
    checked it."""
    probes = probes or [None] * len(work)
    jobs = usable_cores() if jobs == 0 else jobs
    context = fork_context() if jobs > 1 and len(work) >= 2 * BATCH else None
    items = [(candidate, settings, probe) for (candidate, settings), probe in zip(work, probes, strict=True)]
    if context is None:
        checked = []
        for start in range(0, len(items), BATCH):  # a batch at a time: a few drafts in memory at once
            checked.extend(engine.check_batch(items[start : start + BATCH]))
        return checked, 0
    size = min(BATCH, math.ceil(len(work) / (jobs * 4)))  # small enough for the workers to end together
    # The first batch here: it imports the checks and loads the models the rules use, once, before
    # the fork, so that the workers share them instead of each loading its own.
    with collector.paused():  # no collection while loading (postlint.collector)
        checked = engine.check_batch(items[:size])
        # What is loaded lives as long as the run: frozen before the collector is back on, so that
        # no collection walks it again here (its first one would: ~35 ms on the bench corpus) nor
        # in the workers, whose pages then stay shared with this process.
        gc.freeze()
    try:
        batches = [range(start, min(start + size, len(work))) for start in range(size, len(work), size)]
        workers = min(jobs, len(batches))
        # Meanwhile this process only gathers what the workers send back (plain data): the
        # collector would walk it again and again, ~50 ms of CPU taken from the workers' cores on
        # the bench corpus. The workers turn it on again (_worker_start).
        with collector.paused():
            for found in _run_batches(context, workers, engine, work, probes, batches):
                checked.extend(found)
    finally:
        gc.unfreeze()
    return checked, workers


def _run_batches(
    context, workers: int, engine: Engine, work: list, probes: list, batches: list[range]
) -> list[list[Checked]]:
    """The findings of each batch, in order, checked by `workers` forked processes.

    A Python exception on a file is an internal-error finding on it (`Engine.check_batch`). A worker that
    dies (a crash in a C extension, the system killing it) breaks its pool, which loses the batches
    that had not come back yet: the first of them is checked again alone, in a fresh worker, halved
    until the file that kills its worker is found (that file gets an internal-error finding), and
    the others go to a fresh pool. Every round ends at least one batch, so the run always ends.
    """
    global _SHARED
    _SHARED = (engine, work, probes)
    results: list[list[Checked] | None] = [None] * len(batches)
    try:
        pending = list(range(len(batches)))
        while pending:
            _run_pool(context, min(workers, len(pending)), batches, pending, results)
            lost = [index for index in pending if results[index] is None]
            if lost:
                results[lost[0]] = _salvage(context, batches[lost[0]])
            pending = lost[1:]
    finally:
        _SHARED = None
    return results


def _run_pool(context, workers: int, batches: list[range], pending: list[int], results: list) -> None:
    """Check the `pending` batches in a pool of forked workers; what comes back goes in `results`."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    flush_std_streams()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
        futures = {pool.submit(_check_batch, batches[index]): index for index in pending}
        try:
            for future in as_completed(futures):
                # a worker died: this batch is lost, but the others may have come back
                with contextlib.suppress(BrokenProcessPool):
                    results[futures[future]] = _handed_back(future.result())
        except BaseException:  # Ctrl-C: don't wait for the batches not started
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _salvage(context, batch: range) -> list[Checked]:
    """The findings of `batch`, checked alone in a fresh worker; halved when the worker dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    flush_std_streams()
    try:
        with ProcessPoolExecutor(1, mp_context=context, initializer=_worker_start) as pool:
            return _handed_back(pool.submit(_check_batch, batch).result())
    except BrokenProcessPool:
        if len(batch) > 1:
            middle = len(batch) // 2
            return _salvage(context, batch[:middle]) + _salvage(context, batch[middle:])
        engine, work, _probes = _SHARED
        candidate, settings = work[batch[0]]
        exc = BrokenProcessPool("the worker process checking this file stopped abruptly")
        facts = unreadable(candidate.shown, os.path.abspath(candidate.file), str(settings.root))
        return [Checked([engine.crash_finding(candidate, settings, exc)], facts)]


def _worker_start() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.enable()  # paused in the parent while it waits for the workers (_check_all)


def _check_batch(batch: range) -> tuple[list[Checked], object]:
    """In a worker: what checking the batch gave, and the regular-expression programs compiled
    meanwhile (postlint.pattern_store), for the parent to keep."""
    from postlint import pattern_store

    engine, work, probes = _SHARED
    items = [(*work[index], probes[index]) for index in batch]
    return engine.check_batch(items), pattern_store.taken()


def _handed_back(result: tuple[list[Checked], object]) -> list[Checked]:
    """A worker's batch: its findings; the programs it compiled go to this process's store."""
    from postlint import pattern_store

    checked, programs = result
    pattern_store.absorb(programs)
    return checked
