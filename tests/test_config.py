"""The strategy file: finding it, validating it, and what its settings change."""

from __future__ import annotations

from click.testing import CliRunner

from postlint import engine
from postlint.cli import main

# Each draft ends with a photo (a Markdown image, taken out of the text) and asks a question, so
# that the image rule (PL110) and the engagement rule (PL300) have nothing to say and the length
# rules are all that speak.
PHOTO = "![Des bénévoles au local du comité](https://exemple.org/local.jpg)\n"
X_LONG = (  # 321 weighted
    "---\nplatform: x\n---\n" + "Bonjour tout le monde? " + "Bonjour tout le monde. " * 13 + "\n" + PHOTO
)
SHORT = "---\nplatform: facebook\n---\nVous venez nous voir samedi ?\n" + PHOTO


def run(args, **kwargs):
    return CliRunner().invoke(main, args, catch_exceptions=False, **kwargs)


def codes(paths, **options):
    report = engine.check_paths([str(p) for p in paths], engine.Options(lang="en", **options))
    return [(f.code, f.severity) for f in report.findings]


def test_invalid_strategy_lists_every_problem_with_line_and_key_path(write):
    write(
        "postlint.yaml",
        "organization: Comité\n"
        "platforms: [facebook, facebok]\n"
        "personas:\n"
        "  lina:\n"
        "    age: soixante\n"
        "    languages: [francais]\n"
        "fail_on: sometimes\n",
    )
    draft = write("post.md", SHORT)
    result = run(["check", "--lang", "en", str(draft)])
    assert result.exit_code == 2
    err = result.stderr
    assert "postlint.yaml has 4 problems:" in err
    assert "postlint.yaml:2: platforms[1]: unknown platform 'facebok' (did you mean 'facebook'?)" in err
    assert "postlint.yaml:6: personas.lina.languages[0]: 'francais' is not a language code" in err
    assert "(did you mean 'fr'?)" in err
    assert "postlint.yaml:5: personas.lina.age: expected a whole number" in err
    assert "postlint.yaml:7: fail_on:" in err
    # semantic checks come after the schema is satisfied; the schema problems are all listed
    assert "Traceback" not in err


def test_unknown_platform_in_strategy_suggests_the_closest(write):
    write("postlint.yaml", "platforms: [facebook, instagran]\n")
    result = run(["check", "--lang", "en", str(write("post.md", SHORT))])
    assert result.exit_code == 2
    assert "postlint.yaml:1: platforms[1]: unknown platform 'instagran' (did you mean 'instagram'?)" in (
        result.stderr
    )


def test_invalid_yaml_in_strategy_exits_2_with_line(write):
    write("postlint.yaml", "platforms: [facebook\nlanguage: fr\n")
    result = run(["check", "--lang", "fr", str(write("post.md", SHORT))])
    assert result.exit_code == 2
    assert "postlint.yaml:" in result.stderr and "YAML" in result.stderr


def test_unknown_rule_selector_in_strategy(write):
    write("postlint.yaml", "rules:\n  lenght-limit: off\n")
    result = run(["check", "--lang", "en", str(write("post.md", SHORT))])
    assert result.exit_code == 2
    assert "postlint.yaml:2: rules.lenght-limit: 'lenght-limit' matches no rule" in result.stderr
    assert "length-limit" in result.stderr


def test_nearest_strategy_file_applies(write):
    write("postlint.yaml", "rules: {length: off}\n")
    write("inner/.postlint.yaml", "language: fr\n")
    outer = write("a.md", X_LONG)
    inner = write("inner/b.md", X_LONG)
    report = engine.check_paths([str(outer), str(inner)], engine.Options())
    by_file = {}
    for f in report.findings:
        by_file.setdefault(f.path.split("/")[-1], []).append(f)
    assert "a.md" not in by_file  # length off in the outer strategy
    assert {f.code for f in by_file["b.md"]} == {"PL100", "PL101"}
    assert "caractères pondérés" in by_file["b.md"][0].message  # the inner strategy is French


def test_config_option_forces_one_strategy(write):
    write("postlint.yaml", "rules: {length: off}\n")
    forced = write("elsewhere/strategy.yaml", "platforms: [x]\n")
    draft = write("a.md", X_LONG)
    assert codes([draft]) == []
    assert {c for c, _ in codes([draft], config=forced)} == {"PL100", "PL101"}


def test_without_strategy_file_a_default_applies(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(X_LONG, encoding="utf-8")
    report = engine.check_paths(["a.md"], engine.Options())
    assert {f.code for f in report.findings} == {"PL100", "PL101"}
    assert report.fail_on == "warning"


def test_rule_severity_off_and_params(write):
    write(
        "postlint.yaml",
        "rules:\n  PL101: info\n  length-limit: {severity: warning}\n"
        "platform_settings:\n  x: {recommended: 400}\n",
    )
    draft = write("a.md", X_LONG)
    assert codes([draft]) == [("PL100", "warning")]
    write("postlint.yaml", "rules:\n  PL101: info\n")
    assert sorted(codes([draft])) == [("PL100", "error"), ("PL101", "info")]
    write("postlint.yaml", "rules:\n  length: false\n")
    assert codes([draft]) == []


def test_select_and_ignore_take_codes_prefixes_names_and_checks(write):
    write("postlint.yaml", "{}\n")
    draft = write("a.md", X_LONG)
    for selector in ("PL100", "pl100", "length-limit"):
        assert [c for c, _ in codes([draft], select=[selector])] == ["PL100"]
    for selector in ("length", "PL1", "PL10"):
        assert sorted(c for c, _ in codes([draft], select=[selector])) == ["PL100", "PL101"]
    assert [c for c, _ in codes([draft], ignore=["PL100"])] == ["PL101"]
    write("postlint.yaml", "select: [PL101]\n")
    assert [c for c, _ in codes([draft])] == ["PL101"]


def test_platform_limit_settable_for_mastodon(write):
    text = (
        "---\nplatform: mastodon\n---\n" + "Salut la gang ! " * 39 + "Salut la gang ? " + "\n" + PHOTO
    )  # 640 graphemes
    draft = write("a.md", text)
    write("postlint.yaml", "{}\n")
    assert ("PL100", "error") in codes([draft])
    write("postlint.yaml", "platform_settings:\n  mastodon: {limit: 1000}\n")
    assert codes([draft]) == []


def test_fail_on_and_exit_codes(write):
    write("postlint.yaml", "fail_on: error\n")
    draft = write("a.md", "---\nplatform: facebook\n---\n" + "Une phrase de plus. " * 12 + "\n")
    result = run(["check", str(draft)])  # only a length-guide warning
    assert result.exit_code == 0
    assert run(["check", "--fail-on", "warning", str(draft)]).exit_code == 1
    assert run(["check", "--fail-on", "warning", "--exit-zero", str(draft)]).exit_code == 0


def test_exclude_globs_skip_files(write):
    write("postlint.yaml", "exclude: ['archive/**', 'brouillon-*.md']\n")
    write("archive/vieux.md", X_LONG)
    write("brouillon-1.md", X_LONG)
    kept = write("actuel.md", X_LONG)
    report = engine.check_paths([str(kept.parent)], engine.Options())
    assert {f.path.split("/")[-1] for f in report.findings} == {"actuel.md"}
    assert report.files == 1
