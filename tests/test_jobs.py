"""`--jobs`: drafts checked in forked worker processes give the same report as one process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from postlint import catalogue, collector, engine
from postlint.cli import main
from tests.conftest import FIXTURES, ROOT, generated_corpus

needs_fork = pytest.mark.skipif(engine.fork_context() is None, reason="no fork on this platform")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """300 drafts from the bench's generator (broken drafts, CRLF, both languages...)."""
    out = tmp_path_factory.mktemp("jobs") / "corpus"
    generated_corpus(out, 300)
    return out


@pytest.fixture
def spy(monkeypatch):
    """The reports check_paths returned, to see how many workers a run used."""
    reports = []
    check_paths = engine.check_paths

    def recording(paths, options):
        report = check_paths(paths, options)
        reports.append(report)
        return report

    monkeypatch.setattr(engine, "check_paths", recording)
    return reports


def run(args):
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.output


@needs_fork
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_fixtures_same_output_with_two_jobs(fmt, monkeypatch, spy):
    monkeypatch.setattr(engine, "BATCH", 8)  # the fixtures are fewer than two batches of 64
    monkeypatch.chdir(ROOT)
    one = run(["check", "--no-cache", "--format", fmt, "--jobs", "1", "fixtures/posts"])
    two = run(["check", "--no-cache", "--format", fmt, "--jobs", "2", "fixtures/posts"])
    assert [report.workers for report in spy] == [0, 2]
    assert spy[0].files > 16
    assert two == one


@needs_fork
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_generated_drafts_same_bytes_with_two_jobs(corpus, fmt):
    def check(jobs):
        return subprocess.run(
            [sys.executable, "-m", "postlint", "check", "--no-cache", "--format", fmt, "-j", jobs, "drafts"],
            cwd=corpus,
            capture_output=True,
        )

    one, two = check("1"), check("2")
    assert one.returncode == 1
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    if fmt == "json":
        assert json.loads(one.stdout)["files"] == 300


@needs_fork
def test_generated_drafts_use_the_workers(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    one = engine.check_paths(["drafts"], engine.Options(jobs=1))
    two = engine.check_paths(["drafts"], engine.Options(jobs=2))
    assert (one.workers, two.workers) == (0, 2)
    assert [f.as_dict() for f in two.findings] == [f.as_dict() for f in one.findings]
    assert (two.files, two.lang, two.fail_on, two.rules) == (one.files, one.lang, one.fail_on, one.rules)


@needs_fork
def test_the_collector_is_on_again_after_the_first_batch(corpus, monkeypatch):
    # the first batch (the one that loads the language data) runs without the cyclic collector;
    # the workers and the rest of the run have it, also when the batch raises
    import gc

    monkeypatch.chdir(corpus)
    states = []
    check_batch = engine.Engine.check_batch

    def recording(self, items):
        states.append(gc.isenabled())
        return check_batch(self, items)

    monkeypatch.setattr(engine.Engine, "check_batch", recording)
    # what the first batch loaded is frozen before the collector is back on, and only for the run
    frozen = []
    run_batches = engine._run_batches

    def forking(*args):
        frozen.append(gc.get_freeze_count())
        states.append(gc.isenabled())  # paused while this process waits for the workers
        return run_batches(*args)

    monkeypatch.setattr(engine, "_run_batches", forking)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    report = engine.check_paths(["drafts"], engine.Options(jobs=2))
    assert report.workers == 2 and gc.isenabled()
    assert len(states) == 2 and not any(states)  # this process checked only the first batch, paused
    assert frozen and frozen[0] > 1000 and gc.get_freeze_count() == 0
    with pytest.raises(KeyboardInterrupt), collector.paused():
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_the_command_line_collects_less_often_and_so_do_its_workers(monkeypatch):
    import gc

    monkeypatch.chdir(FIXTURES)
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        run(["check", "--no-cache", "--select", "PL100", "."])
        assert gc.get_threshold() == collector.STARTUP_THRESHOLDS
        gc.disable()  # as in the parent while it waits for its workers
        engine._worker_start()  # what a forked worker runs first
        assert gc.get_threshold() == collector.STARTUP_THRESHOLDS and gc.isenabled()
        gc.set_threshold(10 * collector.STARTUP_THRESHOLDS[0], 10, 10)
        run(["check", "--no-cache", "--select", "PL100", "."])
        assert gc.get_threshold() == (10 * collector.STARTUP_THRESHOLDS[0], 10, 10)  # never lowered
    finally:
        gc.set_threshold(*before)
        gc.enable()
        signal.signal(signal.SIGINT, signal.default_int_handler)


def test_a_finding_crosses_between_processes_whole():
    import pickle

    from postlint.findings import Finding

    finding = Finding("PL100", "length-limit", "error", "a.md", 3, 4, "msg", 5, 6, "fix", {"k": [1]})
    assert pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL)) == finding
    assert pickle.loads(pickle.dumps(Finding("PL1", "n", "info", "b.md", 1, 1, "m"))) == Finding(
        "PL1", "n", "info", "b.md", 1, 1, "m"
    )


def test_few_drafts_or_one_job_start_no_worker(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    few = sorted(str(p.relative_to(corpus)) for p in (corpus / "drafts").rglob("*.md"))[:20]
    assert engine.check_paths(few, engine.Options(jobs=2)).workers == 0
    assert engine.check_paths(["drafts"], engine.Options(jobs=1)).workers == 0


def test_no_fork_stays_in_one_process(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(engine, "fork_context", lambda: None)
    one = engine.check_paths(["drafts"], engine.Options(jobs=1))
    two = engine.check_paths(["drafts"], engine.Options(jobs=2))
    assert two.workers == 0
    assert [f.as_dict() for f in two.findings] == [f.as_dict() for f in one.findings]


@needs_fork
def test_jobs_zero_means_the_usable_cores(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    monkeypatch.setattr(engine, "usable_cores", lambda: 3)
    assert engine.check_paths(["drafts"], engine.Options(jobs=0)).workers == 3


def test_negative_jobs_is_a_usage_error():
    code, output = run(["check", "--jobs", "-1", str(FIXTURES)])
    assert code == 2
    assert "--jobs" in output


@needs_fork
def test_config_error_exits_2_before_any_work(corpus, tmp_path):
    # a bad strategy file under the last folder walked: found before the first draft is checked
    folder = tmp_path / "drafts"
    subprocess.run(["cp", "-r", str(corpus / "drafts"), str(folder)], check=True)
    (tmp_path / "postlint.yaml").write_text("language: fr\n", encoding="utf-8")
    last = folder / "zz"
    last.mkdir()
    (last / "postlint.yaml").write_text("platforms: [facebook\n", encoding="utf-8")
    (last / "post.md").write_text("---\nplatform: facebook\n---\nBonjour !\n", encoding="utf-8")
    for jobs in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "postlint", "check", "--jobs", jobs, "drafts"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert "postlint.yaml" in done.stderr


@needs_fork
def test_an_exception_on_a_file_is_a_finding_on_it(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    files = sorted((corpus / "drafts").rglob("*.md"))
    target = files[200].name  # checked by a worker
    start = engine.Engine._start

    def failing(self, candidate, settings):
        if candidate.file.name == target:
            raise RuntimeError("boom")
        return start(self, candidate, settings)

    clean = engine.check_paths(["drafts"], engine.Options(jobs=1))
    monkeypatch.setattr(engine.Engine, "_start", failing)
    one = engine.check_paths(["drafts"], engine.Options(jobs=1))
    two = engine.check_paths(["drafts"], engine.Options(jobs=2))
    assert two.workers == 2
    assert [f.as_dict() for f in two.findings] == [f.as_dict() for f in one.findings]
    crashed = [f for f in two.findings if f.code == "PL000"]
    assert len(crashed) == 1
    assert crashed[0].path.endswith(target)
    assert "RuntimeError: boom" in crashed[0].message
    # the other files' own findings are unchanged (the checks across drafts lose the crashed one)
    across = {rule.code for rule in catalogue.rules().values() if rule.corpus}
    others = [f.as_dict() for f in clean.findings if not f.path.endswith(target) and f.code not in across]
    assert [f.as_dict() for f in two.findings if f.code != "PL000" and f.code not in across] == others


DYING_WORKER = """
import json, os, sys
from postlint import engine

parent = os.getpid()
target = sys.argv[1]
start = engine.Engine._start

def dying(self, candidate, settings):
    if candidate.file.name == target and os.getpid() != parent:
        os._exit(3)  # as a crash in a C extension would: no exception, no result
    return start(self, candidate, settings)

clean = engine.check_paths(["drafts"], engine.Options(jobs=1))
engine.Engine._start = dying
two = engine.check_paths(["drafts"], engine.Options(jobs=2))
print(json.dumps({
    "workers": two.workers,
    "clean": [f.as_dict() for f in clean.findings],
    "two": [f.as_dict() for f in two.findings],
}))
"""


@needs_fork
def test_a_dying_worker_neither_hangs_nor_loses_the_other_files(corpus):
    target = sorted((corpus / "drafts").rglob("*.md"))[150].name
    done = subprocess.run(
        [sys.executable, "-c", DYING_WORKER, target],
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["workers"] == 2
    crashed = [f for f in result["two"] if f["code"] == "PL000"]
    assert len(crashed) == 1
    assert crashed[0]["path"].endswith(target)
    assert "BrokenProcessPool" in crashed[0]["message"]
    assert [f for f in result["two"] if f["code"] != "PL000"] == [
        f for f in result["clean"] if not f["path"].endswith(target)
    ]


@needs_fork
def test_a_partial_run_reads_the_other_drafts_in_workers_with_the_same_result(tmp_path):
    # 700 drafts: one passed, the 699 others read for the checks across drafts, in workers
    corpus = tmp_path / "corpus"
    generated_corpus(corpus, 700)
    passed = sorted((corpus / "drafts").rglob("*.md"))[350]

    def check(*args):
        command = [sys.executable, "-m", "postlint", "check", "--format", "json", *args, str(passed)]
        return subprocess.run(command, cwd=corpus, capture_output=True)

    one = check("--no-cache", "-j", "1")
    two = check("--no-cache", "-j", "2")
    cached = [check("--cache-dir", str(tmp_path / "cache"), "-j", "2") for _ in range(2)]
    assert json.loads(one.stdout)["files"] == 1
    assert [run.stdout for run in (two, *cached)] == [one.stdout] * 3


def test_corpus_findings_are_placed_as_a_sort_of_all_findings_would():
    """`_in_file_order` merges the findings across drafts into the files' own (already in order)
    instead of sorting everything: the same list as the sort, ties included (a file's own first),
    whatever the paths (drafts, the strategy file, drafts not checked, a file given twice)."""
    import random
    from types import SimpleNamespace

    from postlint.findings import Finding

    def sort_all(per_file, across, work):
        order = {candidate.shown: index for index, (candidate, _) in enumerate(work)}
        everything = [f for found in per_file for f in found] + across
        return sorted(
            everything, key=lambda f: (order.get(f.path, len(order)), f.path, f.line, f.column, f.code)
        )

    generator = random.Random(7)
    for trial in range(300):
        names = [f"d{n}.md" for n in range(generator.randint(0, 8))]
        if names and trial % 10 == 0:
            names.append(generator.choice(names))  # a file given twice
        work = [(SimpleNamespace(shown=name), None) for name in names]
        others = ["postlint.yaml", "autre.md", *names]

        def finding(path, message):
            line, column = generator.randint(1, 4), generator.randint(1, 3)
            return Finding(generator.choice(["PL100", "PL200"]), "x", "warning", path, line, column, message)

        per_file = [
            sorted((finding(name, f"own {n}") for n in range(generator.randint(0, 5))), key=Finding.sort_key)
            for name in names
        ]
        across = [finding(generator.choice(others), f"across {n}") for n in range(generator.randint(0, 6))]
        assert engine._in_file_order(per_file, across, work) == sort_all(per_file, across, work)


def test_checking_drafts_leaves_nothing_for_the_cyclic_collector(monkeypatch):
    # what checking a draft leaves behind goes with reference counting alone, broken drafts
    # included: nothing waits for the cyclic collector (the first batch runs without it, and the
    # workers run it rarely, see postlint.collector). A closure that called itself kept each
    # draft's YAML loader in a cycle.
    import gc

    monkeypatch.chdir(FIXTURES)
    checker = engine.Engine(engine.Options())
    work = [(c, checker.settings_for(c.file), None) for c in engine.collect(["."])]
    assert len(work) > 150
    checker.check_batch(work)  # what is loaded once, and the memos, are not garbage
    gc.collect()
    with collector.paused():
        checker.check_batch(work)
        left = gc.collect()
    assert left == 0
