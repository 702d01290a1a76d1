"""The command line: text output, formats, exit codes, languages, rules and explain."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading

import jsonschema
import pytest
from click.testing import CliRunner

from postlint import catalogue
from postlint.cli import main
from postlint.resources import schema_path
from tests.conftest import ROOT, SHARED

# A photo at the end of a draft (a Markdown image, taken out of the text): the image rule (PL110)
# has nothing to say and the line numbers of the text don't change. Each draft asks a question, so
# that the engagement rule (PL300) has nothing to say either.
PHOTO = "![Des bénévoles au local du comité](https://exemple.org/local.jpg)\n"
X_LONG = "---\nplatform: x\n---\n" + "Bonjour tout le monde? " + "Bonjour tout le monde. " * 13 + "\n" + PHOTO
TYPO = "---\nplatform: facebok\n---\nSalut, ça va ?\n"
GOOD = "---\nplatform: facebook\n---\nVous venez nous voir samedi ?\n" + PHOTO


@pytest.fixture
def drafts(write):
    write("postlint.yaml", "language: en\n")
    return [write("long.md", X_LONG), write("typo.md", TYPO), write("good.md", GOOD)]


def run(args, env=None):
    return CliRunner().invoke(main, args, catch_exceptions=False, env=env)


def test_text_output_lines_suggestion_and_summary(drafts):
    result = run(["check", str(drafts[0].parent)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.endswith(
            "typo.md:2:1: PL012 unknown-platform: Unknown platform 'facebok': "
            "did you mean 'facebook'? (known: x, facebook, instagram, linkedin, "
            "mastodon, bluesky, threads, pinterest, tiktok, youtube, snapchat)"
        )
        for line in lines
    )
    assert "    suggestion: facebook" in lines
    assert any(
        ":4:" in line and "PL100 length-limit: 321/280 weighted characters on X" in line for line in lines
    )
    assert lines[-1] == "3 problems (2 errors, 1 warning) in 3 files."
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_colour_only_when_asked_or_on_a_terminal(drafts):
    assert "\x1b[" in run(["check", "--color", "always", str(drafts[0])]).output
    assert "\x1b[" not in run(["check", str(drafts[0])], env={"NO_COLOR": "1"}).output


def test_clean_run_exits_zero(drafts):
    result = run(["check", str(drafts[2])])
    assert result.exit_code == 0
    assert result.output.strip() == "No problems in 1 file."


def test_messages_follow_lang_then_strategy_then_locale(write):
    draft = write("a.md", TYPO)
    write("postlint.yaml", "{}\n")
    assert "Plateforme inconnue" in run(["check", "--lang", "fr", str(draft)]).output
    assert "Unknown platform" in run(["check", str(draft)], env={"LANG": "en_CA.UTF-8"}).output
    assert (
        "Plateforme inconnue" in run(["check", str(draft)], env={"LANG": "fr_CA.UTF-8", "LC_ALL": ""}).output
    )
    write("postlint.yaml", "language: fr\n")
    assert "Plateforme inconnue" in run(["check", str(draft)], env={"LANG": "en_CA.UTF-8"}).output
    assert "Unknown platform" in run(["check", "--lang", "en", str(draft)]).output


def test_french_messages_use_french_typography(write):
    write("postlint.yaml", "language: fr\n")
    out = run(["check", str(write("a.md", TYPO))]).output
    assert "« facebok »\u00a0: vouliez-vous dire «\u00a0facebook\u00a0»\u202f?" in out.replace(
        "«\u00a0facebok\u00a0»", "« facebok »"
    )
    assert "2 problèmes" not in out and "1 problème (1 erreur) dans 1 fichier." in out


def test_json_output_matches_its_documented_schema(drafts):
    result = run(["check", "--format", "json", str(drafts[0].parent)])
    document = json.loads(result.output)
    schema = json.loads(schema_path("findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["summary"] == {"error": 2, "warning": 1, "info": 0, "total": 3}
    assert document["files"] == 3


def test_sarif_output_validates_against_the_oasis_schema(drafts):
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip("the official SARIF schema is not beside the repository (../shared/schemas)")
    result = run(["check", "--format", "sarif", str(drafts[0].parent)])
    document = json.loads(result.output)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(document)
    run_ = document["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert "PL100" in rules and "PL012" in rules
    assert "Pratiques gagnantes" in rules["PL100"]["help"]["text"]
    assert rules["PL100"]["properties"]["citation"].startswith("guide:")
    levels = sorted(r["level"] for r in run_["results"])
    assert levels == ["error", "error", "warning"]
    for result_ in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result_["ruleIndex"]]["id"] == result_["ruleId"]


def test_github_format_prints_workflow_commands(drafts):
    out = run(["check", "--format", "github", str(drafts[1])]).output.splitlines()
    assert out[0].startswith("::error file=")
    assert ",line=2,col=1," in out[0]
    assert "title=PL012 unknown-platform::Unknown platform 'facebok'" in out[0]
    assert "%0A→ facebook" in out[0]  # the suggestion, on its own line


def test_output_file_option(drafts, tmp_path):
    target = tmp_path / "report.json"
    result = run(["check", "--format", "json", "-o", str(target), str(drafts[0])])
    assert result.exit_code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["total"] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_output_to_a_pipe_or_device_is_written_through_not_replaced(drafts, tmp_path):
    # `-o /dev/null` must leave /dev/null a device: shown with a named pipe, which a replacing
    # write would turn into a regular file
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = run(["check", "--format", "json", "-o", str(pipe), str(drafts[0])])
    reader.join(timeout=30)
    assert result.exit_code == 1
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert json.loads(received[0])["summary"]["total"] == 2
    link = tmp_path / "link.json"
    target = tmp_path / "real.json"
    target.write_text("{}", encoding="utf-8")
    link.symlink_to(target)
    assert run(["check", "--format", "json", "-o", str(link), str(drafts[0])]).exit_code == 1
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["files"] == 1


def test_output_file_never_overwrites_a_draft(drafts, tmp_path):
    # `-o` pointed at the draft being checked (a slip of the keyboard) must not destroy it
    before = drafts[0].read_bytes()
    result = run(["check", "--format", "json", "-o", str(drafts[0]), str(drafts[0])])
    assert result.exit_code == 2
    assert "won't overwrite" in result.output or "n’écrasera pas" in result.output
    assert drafts[0].read_bytes() == before
    # nor any other file that opens with front matter
    other = tmp_path / "autre.md"
    other.write_text("---\nplatform: x\n---\nBonjour\n", encoding="utf-8")
    assert run(["check", "-o", str(other), str(drafts[0])]).exit_code == 2
    assert other.read_text(encoding="utf-8") == "---\nplatform: x\n---\nBonjour\n"


def test_unknown_selector_is_a_usage_error(drafts):
    result = run(["check", "--select", "lenght", str(drafts[0])])
    assert result.exit_code == 2
    assert "length" in result.output


def test_missing_path_is_a_finding_not_a_crash(drafts, tmp_path):
    result = run(["check", str(tmp_path / "absent.md"), str(drafts[2])])
    assert result.exit_code == 1
    assert "absent.md:1:1: PL001 unreadable-file" in result.output


def test_rules_lists_every_rule():
    out = run(["rules", "--lang", "en"]).output
    for rule in catalogue.rules().values():
        assert rule.code in out and rule.name in out
    listed = json.loads(run(["rules", "--format", "json"]).output)
    assert {r["code"] for r in listed} == {r.code for r in catalogue.rules().values()}


@pytest.mark.parametrize("name", ["PL100", "length-limit", "pl101"])
def test_explain_shows_the_same_outline_for_each_rule(name):
    out = run(["explain", name, "--lang", "en"]).output
    for heading in (
        "What it does",
        "Why",
        "Source",
        "Example that fires",
        "Example that stays quiet",
        "Settings",
    ):
        assert heading in out
    assert "Pratiques gagnantes" in out


def test_explain_in_french_and_unknown_rule():
    out = run(["explain", "PL100", "--lang", "fr"]).output
    assert "Ce qu’elle vérifie" in out and "conseil 3" in out
    result = run(["explain", "lenght-limit"])
    assert result.exit_code == 2 and "length-limit" in result.output


def test_python_dash_m_postlint_works():
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "postlint" in result.stdout


# --- the `postlint` command itself (postlint.cli:run: main, then a quick exit) ----------------


def _command(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "postlint", *args], capture_output=True, text=True, cwd=ROOT, **kwargs
    )


def test_the_command_gives_mains_output_and_exit_status_in_full():
    """The quick exit leaves nothing unwritten: the whole JSON report, and each status as is."""
    done = _command("check", "--lang", "en", "--format", "json", "fixtures/posts/")
    expected = CliRunner().invoke(main, ["check", "--lang", "en", "--format", "json", "fixtures/posts/"])
    assert done.returncode == expected.exit_code == 1
    assert json.loads(done.stdout) == json.loads(expected.output)
    assert len(json.loads(done.stdout)["findings"]) > 50
    assert _command("--version").returncode == 0
    usage = _command("check", "--no-such-option")
    assert usage.returncode == 2 and "no-such-option" in usage.stderr


def test_a_message_given_to_exit_goes_to_stderr_with_status_1():
    code = (
        "import sys\n"
        "from postlint import cli\n"
        "def failing():\n"
        "    print('written before', flush=False)\n"
        "    sys.exit('the message')\n"
        "cli.main = failing\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (1, "written before\n", "the message\n")


def test_a_reader_that_is_gone_gets_no_traceback():
    """`postlint check | head -1`: the pipe is closed before postlint writes."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "postlint", "check", "fixtures/posts/"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
