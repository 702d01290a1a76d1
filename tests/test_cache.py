"""The result cache: a rerun gives the same report without reading the unchanged drafts again,
and whatever changes (a draft, an image, the strategy file, the message language) is checked anew;
a damaged cache or one that can't be written is never a crash."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint import cache
from postlint.cli import main
from tests.conftest import FIXTURES, ROOT, generated_corpus

STRATEGY = """\
language: fr
platforms: [facebook, instagram, x]
objectives:
  - id: membres
    label: Faire connaître le comité
"""

DRAFT = """\
---
platform: {platform}
objective: membres
date: 2026-03-0{day}
---
{text}
"""

TEXTS = [
    "Venez rencontrer l'équipe du comité logement jeudi soir au centre communautaire du quartier !",
    "Nos bénévoles ont distribué 300 paniers cette semaine. Merci à tout le monde, vous êtes formidables.",
    "Quelle est votre plus grande difficulté avec votre propriétaire cette année ? Dites-le-nous.",
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A small content folder: a strategy file and three drafts; the cache goes beside them."""
    monkeypatch.delenv("POSTLINT_CACHE_DIR", raising=False)
    (tmp_path / "postlint.yaml").write_text(STRATEGY, encoding="utf-8")
    for day, (platform, text) in enumerate(zip(["facebook", "instagram", "x"], TEXTS, strict=True), 1):
        (tmp_path / f"post-{day}.md").write_text(DRAFT.format(platform=platform, day=day, text=text), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args):
    return CliRunner().invoke(main, ["check", "--format", "json", *args], catch_exceptions=False)


def findings(result) -> list[tuple]:
    return [(f["path"], f["code"], f["line"], f["message"]) for f in json.loads(result.output)["findings"]]


def entries(cache: Path) -> list[Path]:
    return sorted(path for path in cache.glob("v*/*/*.json") if path.parent.name != "rules")


def test_a_rerun_reads_no_unchanged_draft_and_reports_the_same(folder, monkeypatch):
    first = check(".")
    cache = folder / ".postlint_cache"
    assert len(entries(cache)) == 3 + 1  # one per draft, one for the checks across drafts
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().strip().endswith("*")

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged draft was read again")

    monkeypatch.setattr("postlint.draft.read_draft", no_reading)
    second = check(".")
    assert (second.exit_code, second.output) == (first.exit_code, first.output)
    one_file = check("post-2.md")  # a partial run: the other drafts' facts come from the cache too
    assert one_file.exit_code in (0, 1)


def test_no_cache_writes_nothing_and_gives_the_same_report(folder):
    cached = check(".")
    shutil.rmtree(folder / ".postlint_cache")
    plain = check("--no-cache", ".")
    assert not (folder / ".postlint_cache").exists()
    assert plain.output == cached.output


def test_a_changed_draft_is_checked_again(folder):
    before = findings(check("."))
    draft = folder / "post-1.md"
    draft.write_text(DRAFT.format(platform="facebook", day=1, text="x" * 70000), encoding="utf-8")
    after = findings(check("."))
    assert after != before
    assert findings(check("--no-cache", ".")) == after


def test_a_draft_made_a_duplicate_of_another_is_seen_through_the_cache(folder):
    check(".")
    # post-3 becomes a copy of post-1's text for another platform: the check across drafts must
    # see it, on a partial run too (the others' facts come from the cache)
    (folder / "post-3.md").write_text(DRAFT.format(platform="x", day=3, text=TEXTS[0]), encoding="utf-8")
    partial = findings(check("post-3.md"))
    assert any(code == "PL402" for _, code, _, _ in partial)
    assert partial == findings(check("--no-cache", "post-3.md"))


def test_a_partial_run_sees_a_changed_older_draft(folder):
    # drafts last changed long ago count by their state (size, time, inode) in the folder's facts
    # pack: a change to one of them, a day later, is still seen
    day_ago = time.time() - 86400
    for draft in folder.glob("*.md"):
        os.utime(draft, (day_ago, day_ago))
    assert not any(code == "PL402" for _, code, _, _ in findings(check("post-1.md")))
    assert not any(code == "PL402" for _, code, _, _ in findings(check("post-1.md")))  # from the pack
    other = folder / "post-3.md"
    other.write_text(DRAFT.format(platform="x", day=3, text=TEXTS[0]), encoding="utf-8")
    os.utime(other, (day_ago + 60, day_ago + 60))
    partial = findings(check("post-1.md"))
    assert any(code == "PL402" for _, code, _, _ in partial)
    assert partial == findings(check("--no-cache", "post-1.md"))


def test_a_changed_image_is_checked_again(folder):
    from PIL import Image

    picture = folder / "photo.png"
    Image.new("RGB", (1200, 800), "white").save(picture)
    draft = folder / "post-2.md"
    draft.write_text(draft.read_text("utf-8") + "\n![Des bénévoles](photo.png)\n", encoding="utf-8")
    before = findings(check("."))
    Image.new("RGB", (100, 1000), "white").save(picture)  # too narrow and tall for Instagram
    after = findings(check("."))
    assert after != before
    assert after == findings(check("--no-cache", "."))
    picture.unlink()
    missing = findings(check("."))
    assert any("photo.png" in message for *_, message in missing)


def test_a_changed_strategy_file_or_language_is_checked_again(folder):
    french = check(".")
    english = check("--lang", "en", ".")
    assert english.output != french.output
    (folder / "postlint.yaml").write_text(STRATEGY.replace("language: fr", "language: en"), encoding="utf-8")
    assert check(".").output == english.output


def test_damaged_entries_are_ignored_and_written_again(folder):
    first = check(".")
    cache = folder / ".postlint_cache"
    damage = [b"", b"{not json", b"[]", b'{"key": 3}', json.dumps({"key": "x", "findings": 3}).encode()]
    for index, entry in enumerate(entries(cache)):
        entry.write_bytes(damage[index % len(damage)])
    second = check(".")
    assert (second.exit_code, second.output) == (first.exit_code, first.output)
    for entry in entries(cache):
        data = json.loads(entry.read_bytes())
        assert data["key"] == entry.stem
    # an entry of the right key whose content is of another shape is a miss too
    for entry in entries(cache):
        entry.write_text(json.dumps({"key": entry.stem, "findings": [["x"]], "facts": None, "files": []}))
    assert check(".").output == first.output


def test_a_cache_that_cannot_be_written_is_left_aside(folder):
    (folder / ".postlint_cache").write_text("not a folder", encoding="utf-8")
    first = check(".")
    assert first.exit_code in (0, 1) and json.loads(first.output)["files"] == 3
    assert (folder / ".postlint_cache").read_text(encoding="utf-8") == "not a folder"
    elsewhere = folder / "elsewhere"
    assert check("--cache-dir", str(elsewhere), ".").output == first.output
    assert entries(elsewhere)


def test_two_runs_at_once_leave_a_sound_cache(tmp_path):
    corpus = tmp_path / "corpus"
    generated_corpus(corpus, 200)
    command = [sys.executable, "-m", "postlint", "check", "--format", "json", "--jobs", "2", "drafts"]
    env = {key: value for key, value in os.environ.items() if key != "POSTLINT_CACHE_DIR"}
    runs = [subprocess.Popen(command, cwd=corpus, stdout=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [process.communicate()[0] for process in runs]
    plain = subprocess.run([*command, "--no-cache"], cwd=corpus, capture_output=True, env=env).stdout
    assert outputs == [plain, plain]
    stored = entries(corpus / ".postlint_cache")
    assert len(stored) >= 200
    for entry in stored:
        assert json.loads(entry.read_bytes())["key"] == entry.stem
    again = subprocess.run(command, cwd=corpus, capture_output=True, env=env).stdout
    assert again == plain


def test_fixtures_report_the_same_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    beside = FIXTURES / ".postlint_cache"  # left by a run by hand, maybe: it must not change
    before = sorted(beside.rglob("*")) if beside.exists() else None
    for folder in ("fixtures/posts", "fixtures/posts/strategie-a-revoir"):
        plain = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", folder])
        args = ["check", "--cache-dir", str(tmp_path), "--format", "json", folder]
        first = CliRunner().invoke(main, args)
        second = CliRunner().invoke(main, args)
        assert plain.output == first.output == second.output
    assert entries(tmp_path)
    assert (sorted(beside.rglob("*")) if beside.exists() else None) == before


def _modules_after(folder, *args) -> tuple[subprocess.CompletedProcess, list[str]]:
    """A run in a new process, and which of yaml, spaCy, langdetect and postlint's language tools
    it imported."""
    script = (
        "import atexit, sys\n"
        "watched = {'yaml', 'spacy', 'langdetect', 'postlint.nlp'}\n"
        "loaded = lambda: sorted(watched & set(sys.modules))\n"
        "atexit.register(lambda: print('loaded:', *loaded(), file=sys.stderr))\n"
        "from postlint.cli import main\n"
        "main(['check', *sys.argv[1:]])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=folder, capture_output=True, text=True)
    return done, done.stderr.strip().splitlines()[-1].split()[1:]


def test_an_unchanged_draft_loads_no_language_model(folder):
    # the cache filled by a run like the warm one, in a process of its own: what this test process
    # parsed before (postlint.resources keeps it) must not decide what the rules snapshot holds
    _modules_after(folder, ".")
    cold, cold_loaded = _modules_after(folder, "--no-cache", ".")
    warm, warm_loaded = _modules_after(folder, ".")
    assert "postlint.nlp" in cold_loaded  # the writing rules read words (spaCy's rules, kept)
    assert warm_loaded == []
    assert warm.stdout == cold.stdout


def snapshots(folder: Path) -> list[Path]:
    return sorted((folder / ".postlint_cache").glob("v*/rules/*.json"))


def test_a_rerun_parses_no_yaml_and_a_damaged_snapshot_is_rewritten(folder):
    first, loaded = _modules_after(folder, "post-1.md")
    assert "yaml" in loaded
    [snapshot] = snapshots(folder)
    kept = json.loads(snapshot.read_text(encoding="utf-8"))
    needed = {"messages.yaml", "platforms.yaml", "length-limit.yaml"}
    assert needed <= kept["files"].keys()
    assert len(kept["strategies"]) == 1  # the strategy file, found valid
    again, loaded = _modules_after(folder, "post-1.md")
    assert loaded == [] and again.stdout == first.stdout
    wrong_key = '{"key": "another", "files": {}, "strategies": {}}'
    for damage in ("", "{not json", wrong_key, '{"key": 1}', "[1, 2]"):
        snapshot.write_text(damage, encoding="utf-8")
        redone, loaded = _modules_after(folder, "post-1.md")
        assert (redone.returncode, redone.stdout) == (first.returncode, first.stdout)
        assert "yaml" in loaded
        rewritten = json.loads(snapshot.read_text(encoding="utf-8"))
        assert needed <= rewritten["files"].keys() and rewritten["strategies"] == kept["strategies"]


NO_CACHE_RUN = (
    "import atexit, sys\n"
    "from postlint import resources\n"
    "atexit.register(lambda: print('parsed:', len(resources.parsed_here()), file=sys.stderr))\n"
    "from postlint.cli import main\n"
    "main(['check', '--format', 'json', '--no-cache', '.'])\n"
)


def _rules_parsed_without_cache(folder, data: str) -> tuple[subprocess.CompletedProcess, int]:
    """A run with --no-cache in a new process, and how many of postlint's YAML files it parsed."""
    env = {**os.environ, "POSTLINT_DATA_CACHE": data}
    done = subprocess.run(
        [sys.executable, "-c", NO_CACHE_RUN], cwd=folder, capture_output=True, text=True, env=env
    )
    return done, int(done.stderr.strip().splitlines()[-1].split()[1])


def test_without_the_cache_the_rules_are_parsed_once_and_kept_in_the_data_folder(folder, tmp_path):
    data = tmp_path / "data"
    first, parsed = _rules_parsed_without_cache(folder, str(data))
    every_file = len(list(Path(ROOT, "rules").rglob("*.yaml")))
    assert parsed == every_file  # the first run parses them all, for the next ones
    assert len(list(data.glob("rules-*.marshal"))) == 1
    assert not (folder / ".postlint_cache").exists()  # --no-cache writes no result cache
    again, parsed = _rules_parsed_without_cache(folder, str(data))
    assert parsed == 0
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    off, parsed = _rules_parsed_without_cache(folder, "off")
    assert 0 < parsed < every_file  # only what the run needs, as before
    assert (off.returncode, off.stdout) == (first.returncode, first.stdout)


def test_a_strategy_file_known_valid_is_checked_again_once_changed(folder):
    assert check(".").exit_code in (0, 1)
    (folder / "postlint.yaml").write_text(STRATEGY.replace("[facebook, instagram, x]", "[facebok]"), "utf-8")
    changed, _ = _modules_after(folder, ".")
    assert changed.returncode == 2 and "facebok" in changed.stderr
    (folder / "postlint.yaml").write_text(STRATEGY, encoding="utf-8")
    assert check(".").exit_code in (0, 1)


def test_only_what_json_gives_back_as_it_is_goes_into_the_snapshot():
    assert cache._round_trips({"messages": {"fr": "Bonjour", "en": ["a", 1, 2.5, True, None]}})
    assert not cache._round_trips({1: "a key that is no string"})
    assert not cache._round_trips({"when": datetime.date(2026, 3, 1)})
    assert not cache._round_trips({"x": float("nan")})


def test_clean_removes_only_postlint_caches(folder):
    check(".")
    assert (folder / ".postlint_cache").is_dir()
    stranger = folder / "sub" / ".postlint_cache"
    stranger.mkdir(parents=True)
    (stranger / "keep.txt").write_text("not postlint's", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", "--lang", "en", "."])
    assert result.exit_code == 0
    assert "Cache removed" in result.output
    assert not (folder / ".postlint_cache").exists()
    assert (stranger / "keep.txt").exists()
    assert sorted(p.name for p in folder.glob("*.md")) == ["post-1.md", "post-2.md", "post-3.md"]
    again = CliRunner().invoke(main, ["clean", "--lang", "fr", "."])
    assert again.exit_code == 0 and "Aucun cache" in again.output
