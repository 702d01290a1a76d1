"""Bad input: a broken file gets its own finding(s), at the right place, and nothing else stops.

Each case writes a bad draft beside a good one (an X post over 280 characters, so that it has
findings of its own) and checks that the bad file gets exactly the expected finding(s), that the good
one is still checked normally, and that neither the engine nor the command line raises. A property
test then throws random bytes, random text and mutated drafts at the engine and at every output
format. postlint only ever reads: a run leaves every byte and every mtime of the tree unchanged.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint import draft as draft_module
from postlint import engine
from postlint.cli import main
from postlint.draft import read_draft

# A strategy file of our own, so that nothing above tmp applies. The drafts here are about broken
# files, not photos or questions: the "add an image" advice (PL110) and the "ask a question" advice
# (PL300) are off; the image-file and alt-text rules stay on, so that the property tests throw
# random images and alt texts at them too.
STRATEGY = "fail_on: warning\nignore: [PL110, PL300]\n"
GOOD = "---\nplatform: x\n---\n" + "a" * 300 + "\n"
# (line, column, code) of the good draft's own findings: over the guide's 140, over X's 280
GOOD_FINDINGS = [(4, 141, "PL101"), (4, 281, "PL100")]
FORMATS = ("text", "json", "sarif", "github")


# --- helpers -------------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """tmp_path as the current folder, with a strategy file and the good draft in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "postlint.yaml").write_text(STRATEGY, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def check(*paths: str) -> engine.Report:
    return engine.check_paths(list(paths or ["."]), engine.Options(lang="en"))


def by_file(report: engine.Report) -> dict[str, list[tuple[int, int, str]]]:
    found: dict[str, list[tuple[int, int, str]]] = {}
    for f in report.findings:
        found.setdefault(Path(f.path).as_posix(), []).append((f.line, f.column, f.code))
    return found


def lines_and_codes(findings: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    return sorted((line, code) for line, _column, code in findings)


def cli(*args: str):
    result = CliRunner().invoke(main, ["check", "--lang", "en", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def assert_good_checked(found: dict) -> None:
    assert found["good.md"] == GOOD_FINDINGS


def snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root (symlinks not followed) with its type, size, mtime and content."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                try:
                    content = Path(path).read_bytes()
                except OSError:
                    content = None
            else:
                content = None
            state[path] = (info.st_mode, info.st_size, info.st_mtime_ns, content)
    return state


# --- one bad file beside a good one --------------------------------------------------------------

X_OVER = "---\nplatform: x\n---\n"
CASES = {
    # name: (bytes, [(line, column, code)] expected on that file)
    "bom": (
        ("\ufeff" + X_OVER + "é" * 290 + "\n").encode(),
        [(4, 141, "PL101"), (4, 281, "PL100")],
    ),
    "crlf": (
        (X_OVER + "first line\n" + "b" * 290 + "\n").replace("\n", "\r\n").encode(),
        [(5, 130, "PL101"), (5, 270, "PL100")],
    ),
    "bom-crlf": (
        ("\ufeff" + X_OVER + "first line\n" + "b" * 290 + "\n").replace("\n", "\r\n").encode(),
        [(5, 130, "PL101"), (5, 270, "PL100")],
    ),
    "cr-only": (
        (X_OVER + "first line\n" + "b" * 290 + "\n").replace("\n", "\r").encode(),
        [(5, 130, "PL101"), (5, 270, "PL100")],
    ),
    "invalid-yaml": (b"---\nplatform: x\npersona: a: b\n---\nHi\n", [(3, 11, "PL010")]),
    "unclosed-flow": (b"---\nplatform: [x\npersona: lina\n---\nHi\n", [(3, 8, "PL010")]),
    "bad-indent": (b"---\nplatform: x\n  persona: lina\n---\nHi\n", [(3, 10, "PL010")]),
    "front-matter-list": (b"---\n- platform\n- x\n---\nHi\n", [(2, 1, "PL011")]),
    "front-matter-scalar": (b"---\njust some words\n---\nHi\n", [(2, 1, "PL011")]),
    "platform-number": (b"---\nplatform: 3\n---\nHi\n", [(2, 1, "PL011")]),
    "images-number": (b"---\nplatform: x\nimages: 5\n---\nHi\n", [(3, 1, "PL011")]),
    "ignore-number": (b"---\nplatform: x\npostlint: {ignore: 3}\n---\nHi\n", [(3, 1, "PL011")]),
    "ignore-mapping": (b"---\nplatform: x\npostlint:\n  ignore: {a: 1}\n---\nHi\n", [(4, 1, "PL011")]),
    "date-word": (b"---\nplatform: x\ndate: yesterday\n---\nHi\n", [(3, 1, "PL011")]),
    "date-impossible": (b"---\nplatform: x\ndate: 2026-13-45\n---\nHi\n", [(3, 7, "PL010")]),
    "bool-tag-not-bool": (b"---\nplatform: x\ntitle: !!bool maybe\n---\nHi\n", [(3, 8, "PL010")]),
    "unterminated": (b"---\nplatform: x\nHi there\n", [(1, 1, "PL010")]),
    "fence-only": (b"---\n", [(1, 1, "PL010")]),
    # the column counts characters, not bytes: "Un café, caf" is 12 characters, 13 bytes
    "latin-1": ("---\nplatform: x\n---\nOK\nUn café, caf".encode() + b"\xe9\n", [(5, 13, "PL002")]),
    "latin-1-after-bom": (b"\xef\xbb\xbfab\xe9\n", [(1, 3, "PL002")]),
    "encoded-surrogate": (b"---\nplatform: x\n---\nA \xed\xa0\x80\n", [(4, 3, "PL002")]),
    "nul": (b"---\nplatform: x\n---\nline\nA\x00B\n", [(5, 2, "PL002")]),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", [(3, 1, "PL002")]),
    "empty": (b"", [(1, 1, "PL013"), (1, 1, "PL014")]),
    "blank": (b"\n  \n\t\n", [(1, 1, "PL013"), (1, 1, "PL014")]),
    "front-matter-only": (b"---\nplatform: x\n---\n", [(4, 1, "PL013")]),
    "front-matter-only-no-newline": (b"---\nplatform: x\n---", [(3, 1, "PL013")]),
    "comment-only": (b"---\nplatform: x\n---\n<!-- later -->\n", [(4, 1, "PL013")]),
}


@pytest.mark.parametrize("name", CASES)
def test_a_bad_file_gives_its_finding_and_the_others_are_still_checked(tree, name):
    data, expected = CASES[name]
    (tree / f"{name}.md").write_bytes(data)
    found = by_file(check())
    assert set(found) == {f"{name}.md", "good.md"}
    assert found[f"{name}.md"] == expected
    assert_good_checked(found)
    result = cli(".")
    assert result.exit_code == 1
    for line, column, code in expected:
        assert f"{name}.md:{line}:{column}: {code} " in result.output


def test_bom_and_crlf_give_the_same_overflow_span_as_lf(tree):
    (tree / "lf.md").write_bytes((X_OVER + "first line\n" + "b" * 290 + "\n").encode())
    (tree / "crlf.md").write_bytes(CASES["crlf"][0])
    (tree / "bom.md").write_bytes(CASES["bom-crlf"][0])
    spans = {}
    for f in check().findings:
        if f.code == "PL100":
            spans[f.path] = (f.line, f.column, f.end_line, f.end_column)
    # the overflow runs from column 270 to the end of line 5: the \r is not a character of the post
    expected = {name: (5, 270, 5, 291) for name in ("lf.md", "crlf.md", "bom.md")}
    assert spans == {**expected, "good.md": (4, 281, 4, 301)}


def test_messages_say_what_is_wrong(tree):
    for name in ("latin-1", "latin-1-after-bom", "date-impossible", "images-number"):
        (tree / f"{name}.md").write_bytes(CASES[name][0])
    messages = {f.path: f.message for f in check().findings}
    assert "byte 0xE9" in messages["latin-1.md"]
    assert "byte 0xE9" in messages["latin-1-after-bom.md"]  # the BOM does not shift the byte shown
    assert "'2026-13-45'" in messages["date-impossible.md"]
    assert "images" in messages["images-number.md"]


def test_wrong_types_leave_the_draft_usable(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(
        b"---\nplatform: 3\nplatforms: {a: 1}\npersona: [1]\nimages: 5\nimage: [x]\n"
        b"alt: 3\npostlint: [1]\n---\nHi ![a](b.png)\n"
    )
    draft = read_draft(path, "a.md")
    assert draft.platforms == [] and draft.personas == [] and draft.file_settings == {}
    assert [(i.src, i.origin) for i in draft.images] == [("b.png", "markdown")]
    assert {p.rule for p in draft.problems} == {"front-matter-value"}


# --- files that can't be read ------------------------------------------------------------------


def test_a_check_that_fails_partway_gives_one_internal_error_and_keeps_nothing_it_found(tree, monkeypatch):
    """A defect in one check: its findings so far are dropped (they may be wrong), an internal-error
    finding names the rule and the error, and every other check of the draft still reports."""
    from postlint import catalogue

    rule = catalogue.get("length-guide")
    real = engine.check_function(rule)

    def half_done(draft, ctx):
        yield from real(draft, ctx)
        raise ValueError("half done")

    monkeypatch.setitem(engine._FUNCTIONS, "length-guide", half_done)
    found = check()
    good = [f for f in found.findings if f.path == "good.md"]
    assert [(f.line, f.code) for f in good] == [(4, "PL000"), (4, "PL100")]  # no PL101 (4, 141)
    assert "length-guide" in good[0].message and "ValueError: half done" in good[0].message


def test_symlink_loop(tree):
    os.symlink("b.md", tree / "a.md")
    os.symlink("a.md", tree / "b.md")
    os.symlink("self.md", tree / "self.md")
    report = check()
    found = by_file(report)
    for name in ("a.md", "b.md", "self.md"):
        assert found[name] == [(1, 1, "PL001")]
    assert all("loops" in f.message for f in report.findings if f.code == "PL001")
    assert_good_checked(found)
    assert cli(".").exit_code == 1
    assert "a.md:1:1: PL001 " in cli("a.md", "good.md").output


def test_dangling_symlink_and_symlink_to_a_folder(tree):
    os.symlink("nowhere.md", tree / "gone.md")
    (tree / "real").mkdir()
    os.symlink("real", tree / "link.md")
    found = by_file(check())
    assert found["gone.md"] == [(1, 1, "PL001")]
    assert found["link.md"] == [(1, 1, "PL001")]
    assert_good_checked(found)
    assert cli(".").exit_code == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_not_opened(tree):
    os.mkfifo(tree / "pipe.md")  # opening it would block until a writer comes
    start = time.monotonic()
    report = check()
    assert time.monotonic() - start < 5
    found = by_file(report)
    assert found["pipe.md"] == [(1, 1, "PL001")]
    assert_good_checked(found)


def test_folder_named_like_a_draft(tree):
    (tree / "x.md").mkdir()
    (tree / "x.md" / "inner.md").write_text(GOOD, encoding="utf-8")
    report = check()
    found = by_file(report)
    assert found["x.md"] == [(1, 1, "PL001")]
    assert found["x.md/inner.md"] == GOOD_FINDINGS
    assert_good_checked(found)
    assert report.files == 3
    result = cli("x.md")
    assert result.exit_code == 1
    assert "x.md:1:1: PL001 " in result.output
    assert "'x.md' is a folder" in result.output


def test_file_name_too_long_is_a_finding(tree):
    name = "x" * 300 + ".md"  # over NAME_MAX: stat() fails with ENAMETOOLONG, not ENOENT
    found = by_file(check(name, "good.md"))
    assert found[name] == [(1, 1, "PL001")]
    assert_good_checked(found)
    result = cli(name, "good.md")
    assert result.exit_code == 1
    assert "File name too long" in result.output


def test_folder_name_too_long_is_a_finding(tree):
    name = "y" * 300 + "/a.md"
    found = by_file(check(name, "good.md"))
    assert found[name] == [(1, 1, "PL001")]
    assert_good_checked(found)


def test_unreadable_file(tree):
    bad = tree / "secret.md"
    bad.write_text(GOOD, encoding="utf-8")
    bad.chmod(0)
    try:
        if os.access(bad, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        found = by_file(check())
        assert found["secret.md"] == [(1, 1, "PL001")]
        assert_good_checked(found)
        assert cli(".").exit_code == 1
    finally:
        bad.chmod(0o644)


def test_permission_denied_on_open_is_a_finding(tree, monkeypatch):
    """The same as above even as root: the draft module's reading refuses one file."""
    (tree / "secret.md").write_text(GOOD, encoding="utf-8")
    read = draft_module._read_at_most

    def refusing_read(file, *args, **kwargs):
        if Path(file).name == "secret.md":
            raise PermissionError(13, "Permission denied", str(file))
        return read(file, *args, **kwargs)

    monkeypatch.setattr(draft_module, "_read_at_most", refusing_read)
    report = check()
    found = by_file(report)
    assert found["secret.md"] == [(1, 1, "PL001")]
    assert "not allowed to read" in next(f.message for f in report.findings if f.path == "secret.md")
    assert_good_checked(found)


# --- hostile front matter ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
    ],
)
def test_tags_that_build_objects_are_refused_and_nothing_runs(tree, tag):
    marker = tree / "executed"
    draft = f"---\nplatform: x\ntitle: {tag.format(marker=marker)}\n---\nHi\n"
    (tree / "evil.md").write_text(draft, encoding="utf-8")
    report = check()
    found = by_file(report)
    assert found["evil.md"] == [(3, 8, "PL010")]
    assert "tag refused" in next(f.message for f in report.findings if f.path == "evil.md")
    assert_good_checked(found)
    assert cli(".").exit_code == 1
    assert not marker.exists()


def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines)


BOMBS = {
    # name: (front matter after `platform: x`, expected line)
    "billion-laughs": (_billion_laughs(), 3),
    "nested-lists": ("k: " + "[" * 10_000 + "]" * 10_000, 3),
    "nested-unclosed": ("k: " + "[" * 10_000, 3),
    "nested-maps": ("k: " + "{a: " * 10_000 + "1" + "}" * 10_000, 3),
    "nested-blocks": ("k: " + "- " * 10_000 + "x", 3),
    "nested-indent": ("".join(" " * i + "k:\n" for i in range(300)), 23),
    "recursive-alias": ("k: &a [*a]", 3),
}


@pytest.mark.parametrize("name", BOMBS)
def test_yaml_bombs_and_deep_nesting_are_refused_quickly(tree, name):
    body, line = BOMBS[name]
    (tree / "bomb.md").write_text(f"---\nplatform: x\n{body}\n---\nHi\n", encoding="utf-8")
    start = time.monotonic()
    found = by_file(check())
    assert time.monotonic() - start < 3
    assert lines_and_codes(found["bomb.md"]) == [(line, "PL010")]
    assert_good_checked(found)


def test_hundred_thousand_levels_do_not_crash_the_interpreter(tree):
    """libyaml's composer recurses in C: this used to be a segmentation fault (run apart, so that a
    regression fails this test instead of killing the test session)."""
    (tree / "deep.md").write_text("---\nk: " + "[" * 100_000 + "]" * 100_000 + "\n---\nHi\n")
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--lang", "en", "."],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "deep.md:2:" in result.stdout and "PL010" in result.stdout
    assert "good.md:4:281: PL100" in result.stdout


def test_thousands_of_unclosed_comments_are_read_quickly(tree):
    """An unclosed `<!--` used to be searched to the end again from each one: minutes, not ms."""
    (tree / "open.md").write_text(X_OVER + "<!--" * 30_000 + "\n", encoding="utf-8")
    (tree / "closed.md").write_text(X_OVER + "<!-- a -->" * 30_000 + "\n", encoding="utf-8")
    start = time.monotonic()
    found = by_file(check())
    assert time.monotonic() - start < 5
    assert found["open.md"] == [(4, 141, "PL101"), (4, 281, "PL100")]  # not comments: text
    assert found["closed.md"] == [(4, 1, "PL013")]  # only comments: no text
    assert_good_checked(found)


def test_huge_draft_is_refused_without_being_read(tree, monkeypatch):
    big = tree / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB on paper, nothing on disk
    opened = []
    read = draft_module._read_at_most

    def recording_read(file, *args, **kwargs):
        opened.append(Path(file).name)
        return read(file, *args, **kwargs)

    monkeypatch.setattr(draft_module, "_read_at_most", recording_read)
    start = time.monotonic()
    report = check()
    assert time.monotonic() - start < 2
    found = by_file(report)
    assert found["big.md"] == [(1, 1, "PL003")]
    assert "20,971,520 bytes" in next(f.message for f in report.findings if f.path == "big.md")
    assert "big.md" not in opened
    assert "good.md" in opened
    assert_good_checked(found)


def test_file_size_limit_follows_the_strategy_file(tree):
    strategy = "rules:\n  file-too-large: {max_bytes: 100}\nignore: [PL110, PL300]\n"
    (tree / "postlint.yaml").write_text(strategy, encoding="utf-8")
    (tree / "small.md").write_text("---\nplatform: x\n---\nHi\n", encoding="utf-8")
    found = by_file(check())
    assert found["good.md"] == [(1, 1, "PL003")]  # 320 bytes
    assert "small.md" not in found


# --- the whole zoo at once, through every format -----------------------------------------------


def make_zoo(root: Path) -> None:
    for name, (data, _expected) in CASES.items():
        (root / f"{name}.md").write_bytes(data)
    for name, (body, _line) in BOMBS.items():
        (root / f"{name}.md").write_text(f"---\nplatform: x\n{body}\n---\nHi\n", encoding="utf-8")
    marker = root / "executed"
    (root / "evil.md").write_text(
        f'---\nplatform: x\nt: !!python/object/apply:os.system ["touch {marker}"]\n---\nHi\n'
    )
    os.symlink("loop-b.md", root / "loop-a.md")
    os.symlink("loop-a.md", root / "loop-b.md")
    os.symlink("nowhere.md", root / "gone.md")
    (root / "folder.md").mkdir()
    (root / "folder.md" / "inner.md").write_text(GOOD, encoding="utf-8")
    with open(root / "big.md", "wb") as handle:
        handle.truncate(20 * 1024 * 1024)


def test_the_zoo_through_every_format_and_nothing_is_written(tree):
    make_zoo(tree)
    before = snapshot(tree)
    report = check()
    found = by_file(report)
    for name, (_data, expected) in CASES.items():
        assert found[f"{name}.md"] == expected, name
    for name, (_body, line) in BOMBS.items():
        assert lines_and_codes(found[f"{name}.md"]) == [(line, "PL010")], name
    for name in ("evil.md", "loop-a.md", "loop-b.md", "gone.md", "folder.md", "big.md"):
        assert len(found[name]) == 1, name
    assert found["folder.md/inner.md"] == GOOD_FINDINGS
    assert_good_checked(found)
    assert not any(f.code == "PL000" for f in report.findings)
    for fmt in FORMATS:
        result = cli("--format", fmt, ".")
        assert result.exit_code == 1, (fmt, result.output)
        if fmt in ("json", "sarif"):
            document = json.loads(result.stdout)
            results = document["findings"] if fmt == "json" else document["runs"][0]["results"]
            assert len(results) == len(report.findings)
        elif fmt == "github":
            assert result.stdout.count("\n::") + result.stdout.startswith("::") == len(report.findings)
        else:
            assert "good.md:4:281: PL100 " in result.stdout
    assert cli("--exit-zero", ".").exit_code == 0
    assert not (tree / "executed").exists()
    assert snapshot(tree) == before


def test_exit_codes(tree):
    (tree / "good.md").write_text("---\nplatform: x\n---\nShort and clear.\n", encoding="utf-8")
    assert cli(".").exit_code == 0
    (tree / "bad.md").write_bytes(b"---\nplatform: [x\n---\nHi\n")
    assert cli(".").exit_code == 1
    # a strategy file that can't be used stops the run, with a message and no traceback
    for strategy in ("k: " + "[" * 10_000 + "]" * 10_000, _billion_laughs(), "platforms: [\n", "- a\n"):
        (tree / "postlint.yaml").write_text(strategy, encoding="utf-8")
        result = cli(".")
        assert result.exit_code == 2, strategy[:20]
        assert "postlint.yaml" in result.output
    (tree / "postlint.yaml").write_text(STRATEGY, encoding="utf-8")
    assert cli("--select", "no-such-rule", ".").exit_code == 2


# --- random drafts -------------------------------------------------------------------------------

VALID = [
    GOOD,
    "---\nplatform: facebook\npersona: lina\nimages:\n  - src: a.png\n    alt: A\n---\n"
    "Hello <!-- c --> world ![x](y.png)\n\nhttps://example.org [l](http://e.x)\n",
    "---\nplatforms: [x, mastodon, bluesky]\nlang: fr\npostlint: {ignore: [length-guide]}\n---\n"
    "<!-- postlint-disable length -->\nSalut 👋 tout le monde, @sam@example.social\n"
    "<!-- postlint-enable -->\n" + "Encore du texte. " * 20 + "\n",
    "Just text, no front matter.\n",
    "---\nplatform: threads\ndate: 2026-11-24\naudience: [lina, pascha]\n---\n"
    "> quote ![a](b.png)\n- item <!-- postlint-disable-next-line -->\n  ![c](d.png) end\n",
    "---\nplatform: youtube\ntitle: 'a: b'\n---\n" + "Vidéo — été ✨ " * 40 + "\n",
]
# fmt: off
TOKENS = [
    "---", "---\n", "\n---\n", "...", ":", ": ", "[", "]", "{", "}", "&a ", "*a", "!!", "!!str ",
    "!!python/object/apply:os.system [x]", "\x00", "\r", "\r\n", "\n", "\ufeff", "é", "e\u0301",
    "😀", "👨\u200d👩\u200d👧", "🇨🇦", "\u202f", "\u2028", "<!--", "-->", "<!-- postlint-disable x -->",
    "<!-- postlint-disable-next-line length -->", "<!-- postlint-enable -->", "<!-- postlint-disable -->",
    "![a](b.png)", "![", "](", ")", "https://example.org/a", "exemple.ca", "- ", "  ", "\t", "#", "'",
    '"', "|", ">", "`", "```\n", "\\", "platform: x\n", "platform: ", "images: ", "date: ",
    "2026-13-45", "2026-02-30 10:00", "!!int ", "!!bool ", "!!timestamp ", "!!binary ", "? ",
    "postlint: {ignore: 3}\n", "ignore: ", "lang: ", "9" * 5000,
]
# fmt: on
mutation = st.tuples(
    st.sampled_from(["insert", "delete", "replace"]),
    st.floats(min_value=0, max_value=1),
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)),
    st.integers(min_value=1, max_value=6),
)


@st.composite
def mutated_drafts(draw) -> bytes:
    text = draw(st.sampled_from(VALID))
    for op, where, token, span in draw(st.lists(mutation, min_size=1, max_size=8)):
        i = int(where * len(text))
        if op == "insert":
            text = text[:i] + token + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + span :]
        else:
            text = text[:i] + token + text[i + span :]
    return text.encode("utf-8")


framed = st.builds(
    lambda front, body: f"---\n{front}\n---\n{body}".encode(),
    st.text(max_size=80),
    st.text(max_size=200),
)
# fmt: off
KEYS = ["platform", "platforms", "persona", "audience", "objective", "image", "images", "alt", "title",
        "date", "lang", "postlint", "plateform", "author", "1", "~"]
VALUES = ["x", "twitter", "facebok", "3", "[x, 3]", "[]", "{}", "null", "''", "2026-11-24", "2026-13-45",
          "2026-11-24 25:00", "yesterday", "{ignore: 3}", "{ignore: [lenght, 3]}", "[{src: a.png}, 5]",
          "!!binary aGk=", "!!int x", "!!python/name:os.system", "&a [1, 2]", "*a", "[[[[1]]]]",
          "|\n  multi\n  line", "'unclosed", "fr", "zz", "FR", "- a\n- b", ".nan", "0x1F"]
# fmt: on
fields = st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), max_size=6)
built = st.builds(
    lambda pairs, body: ("---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\n" + body).encode(),
    fields,
    st.one_of(st.sampled_from([v.split("---\n")[-1] for v in VALID]), st.text(max_size=100)),
)
any_draft = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(str.encode),
    framed,
    built,
    mutated_drafts(),
    mutated_drafts(),
)


def _last_line(data: bytes) -> int:
    """The last line a finding may point at: the one after the last line break (lines end as when
    reading: LF, CRLF or a lone CR)."""
    return len(re.findall(rb"\r\n?|\n", data)) + 1


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(any_draft, min_size=1, max_size=4))
def test_random_drafts_never_crash_and_findings_point_inside_the_file(drafts):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "postlint.yaml").write_text(STRATEGY, encoding="utf-8")
        contents = {}
        for i, data in enumerate(drafts):
            path = root / f"d{i}.md"
            path.write_bytes(data)
            contents[os.path.abspath(path)] = data
            draft = read_draft(path, path.name)  # every property answers on any input
            _ = (draft.platforms, draft.personas, draft.images, draft.comments, draft.file_settings)
        report = check(str(root))
        assert report.files == len(drafts)
        for f in report.findings:
            data = contents[os.path.abspath(f.path)]
            assert f.code != "PL000", f.message
            assert f.message.strip()
            assert f.line >= 1 and f.column >= 1
            assert f.line <= _last_line(data), (f.code, f.line, data)
        for fmt in FORMATS:
            result = cli("--format", fmt, str(root))
            assert result.exit_code in (0, 1), result.output
            if fmt in ("json", "sarif"):
                document = json.loads(result.stdout)
                results = document["findings"] if fmt == "json" else document["runs"][0]["results"]
                assert len(results) == len(report.findings)


def test_empty_platform_list_is_no_platform(tmp_path):
    (tmp_path / "postlint.yaml").write_text("{}\n", encoding="utf-8")
    draft = tmp_path / "a.md"
    draft.write_text("---\nplatforms: []\n---\nSalut, ça va ?\n", encoding="utf-8")
    report = engine.check_paths([str(draft)], engine.Options(lang="en"))
    assert [(f.line, f.code) for f in report.findings] == [(1, "PL014")]


def test_reading_takes_the_whole_file_up_to_the_limit(tmp_path):
    """A draft is read to its end whatever size it had when looked at (it may have grown), and
    never past the limit."""
    file = tmp_path / "d.md"
    file.write_bytes(b"0123456789")
    assert draft_module._read_at_most(file, 100, 10) == b"0123456789"
    assert draft_module._read_at_most(file, 100, 3) == b"0123456789"  # grew since: read on
    assert draft_module._read_at_most(file, 4, 10) == b"0123"
    assert draft_module._read_at_most(file, 11, 0) == b"0123456789"
    file.write_bytes(b"")
    assert draft_module._read_at_most(file, 100, 0) == b""
