"""`postlint report`: the HTML page, the Markdown summary, writing the file, and the page in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from postlint import engine
from postlint.cli import main
from postlint.report import calendar, html
from postlint.safe_write import Refused, write_atomically
from tests.conftest import FIXTURES

SECTIONS = html.SECTIONS

STRATEGY = """\
organization: Maison des jeunes du Plateau
language: fr
platforms: [facebook, x, instagram]
objectives:
  - id: activites
    label: Faire connaître nos activités
  - id: dons
    label: Financer le camp d'été
    fundraising: true
personas:
  lina:
    name: Lina la Locataire
    age: 65
    languages: [fr]
    platforms: [facebook]
"""


def draft(platform: str, date: str | None, text: str, objective: str = "activites") -> str:
    dated = f"date: {date}\n" if date else ""
    return f"---\nplatform: {platform}\npersona: lina\nobjective: {objective}\n{dated}lang: fr\n---\n{text}\n"


@pytest.fixture
def planned(write, tmp_path):
    """A small folder: three Facebook posts on Dec. 1 (over 1-2 a day), one on Dec. 3 (within), one
    X post on Dec. 2 (under 3 a day), and one fundraising draft with no date."""
    write("drafts/postlint.yaml", STRATEGY)
    for n in range(3):
        write(
            f"drafts/fb-{n}.md",
            draft("facebook", f"2026-12-01 1{n}:00", f"Atelier numéro {n} mardi, venez-vous ?"),
        )
    write("drafts/fb-3.md", draft("facebook", "2026-12-03", "Soirée jeux vendredi : qui vient ?"))
    write("drafts/x-1.md", draft("x", "2026-12-02 09:00", "Le local ouvre à 15 h. On vous y voit ?"))
    write(
        "drafts/don.md",
        draft("facebook", None, "Aidez le camp d'été : quel souvenir en gardez-vous ?", "dons"),
    )
    return tmp_path / "drafts"


def render(paths, lang=None) -> str:
    report = engine.check_paths([str(p) for p in paths], engine.Options(lang=lang, facts=True))
    return html.render(report)


def resource_references(page: str) -> list[str]:
    """Anything in the page that would load a file or a URL."""
    patterns = (
        r"<script[^>]*\bsrc\s*=",
        r"<link\b",
        r"@import",
        r"url\(",
        r"""\b(?:src|href|xlink:href)\s*=\s*["']?(?:https?:)?//""",
        r"<iframe|<object|<embed|<img\b",
    )
    return [found.group(0) for pattern in patterns for found in re.finditer(pattern, page, re.IGNORECASE)]


# --- the page ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixtures_page() -> str:
    return render([FIXTURES])


def test_fixtures_page_has_every_section_and_no_outside_resource(fixtures_page):
    page = fixtures_page
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in page
    for section in SECTIONS:
        assert f'<section id="{section}"' in page
        assert f'href="#{section}"' in page
    assert resource_references(page) == []
    assert "<h1>Rapport postlint — Comité logement Rosemont</h1>" in page
    assert '<th scope="col">' in page and '<th scope="row">' in page


def test_english_and_french_headings(planned):
    french, english = render([planned], "fr"), render([planned], "en")
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    assert ">Calendrier de publication</h2>" in french and ">Collecte de fonds</h2>" in french
    assert ">Publishing calendar</h2>" in english and ">Fundraising</h2>" in english
    assert ">What is left to fix</h2>" in english
    # French typography: a no-break space before the colon
    assert "Part acceptable\u00a0:" in french


def test_small_folder_counts_and_calendar(planned):
    page = render([planned], "en")
    assert "Maison des jeunes du Plateau" in page
    assert resource_references(page) == []
    assert "http" not in page  # nothing in these drafts or in the page names a URL
    # drafts by platform: 5 on Facebook (4 dated, 1 not), 1 on X
    assert re.search(r'<th scope="row">Facebook</th>.*?<td class="num">5</td>', page)
    assert re.search(r'<th scope="row">X</th>.*?<td class="num">1</td>', page)
    assert re.search(r'<th scope="row">Lina la Locataire</th>.*?<td class="num">6</td>', page)
    # the fundraising draft, by its objective's label
    assert "17% of the drafts ask for money (1 of 6)" in page
    assert "don.md</code> — objective &quot;Financer le camp d&#x27;été&quot;" in page
    # the calendar: Dec. 1 to Dec. 3, with the status of each day written in the cell's title
    assert "From Dec\u00a01, 2026 to Dec\u00a03, 2026: 3 days, 5 dated drafts." in page
    assert "<title>Facebook, Dec\u00a01, 2026: 3 posts — over the pace</title>" in page
    assert "<title>Facebook, Dec\u00a02, 2026: 0 posts — no post</title>" in page
    assert "<title>Facebook, Dec\u00a03, 2026: 1 post — within the pace</title>" in page
    assert "<title>X, Dec\u00a02, 2026: 1 post — under the pace</title>" in page
    assert "1 draft without a date is not shown here." in page


def test_calendar_rows_follow_the_guide_cadence(planned):
    report = engine.check_paths([str(planned)], engine.Options(facts=True))
    cal = calendar.build(report.facts)
    assert cal.days == [dt.date(2026, 12, 1), dt.date(2026, 12, 2), dt.date(2026, 12, 3)]
    rows = {row.key: row for row in cal.rows}
    assert rows["facebook"].counts == [3, 0, 1]
    assert rows["facebook"].statuses == ["over", "empty", "within"]
    assert rows["x"].statuses == ["empty", "under", "empty"]
    assert "instagram" not in rows  # no dated Instagram draft
    assert calendar.status(2, None, None) == "planned"


def test_no_dated_draft_says_so(write, tmp_path):
    write("postlint.yaml", "language: en\n")
    write("a.md", "---\nplatform: facebook\n---\nWhat would you like to learn at the workshop?\n")
    page = render([tmp_path])
    assert "No draft is dated" in page
    assert 'class="heatmap"' not in page


def test_draft_paths_and_texts_are_escaped(write, tmp_path):
    write("postlint.yaml", "language: en\n")
    write("<script>alert(1)</evil.md", "---\nplatform: facebok\n---\n<b>Hi</b> there, what do you think?\n")
    page = render([tmp_path])
    assert page.count("<script") == 1  # the page's own filter script
    assert "&lt;script&gt;alert(1)&lt;/evil.md" in page
    assert "<b>Hi" not in page


def test_no_findings_says_so(write, tmp_path):
    write("postlint.yaml", "language: en\n")
    write("a.md", "---\nplatform: mastodon\nlang: en\n---\nWhat would you like to learn at the workshop?\n")
    report = engine.check_paths([str(tmp_path)], engine.Options(facts=True, select=["length-limit"]))
    assert report.findings == []
    page = html.render(report)
    assert "Nothing to report" in page
    assert 'id="filters"' not in page


# --- the command and the file ---------------------------------------------------------------------


def test_report_command_writes_the_page_and_exits_zero(planned, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["report", str(planned), "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "postlint-report.html").read_text(encoding="utf-8")
    assert all(f'id="{s}"' in page for s in SECTIONS)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    out = tmp_path / "out" / "r.html"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["report", str(planned), "-o", str(out)])
    assert result.exit_code == 0 and '<html lang="fr">' in out.read_text(encoding="utf-8")


def test_report_never_overwrites_a_draft(planned):
    target = planned / "fb-0.md"
    before = target.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(planned), "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == before
    with pytest.raises(Refused):
        write_atomically(target, "x")


def test_write_atomically_replaces_a_previous_report(tmp_path):
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_report_config_error_exits_2(planned, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization: [\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["report", str(planned), "--config", str(bad), "-o", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "r.html").exists()


def test_markdown_summary_has_the_counts(planned):
    result = CliRunner().invoke(main, ["report", str(planned), "--format", "markdown", "--lang", "en"])
    assert result.exit_code == 0
    text = result.output
    report = engine.check_paths([str(planned)], engine.Options(facts=True, lang="en"))
    by_severity = {
        s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")
    }
    assert text.startswith("## postlint report — Maison des jeunes du Plateau\n")
    assert f"**6 drafts · {by_severity['error']} error" in text
    assert f" · {by_severity['warning']} warning" in text
    assert "| Facebook | 5 |" in text and "| X | 1 |" in text
    assert "17% of the drafts ask for money (1 of 6)" in text
    assert "| File and line | Code | Rule | Severity | Message |" in text
    assert len([line for line in text.splitlines() if line.startswith("| ") and ".md:" in line]) == min(
        20, len(report.findings)
    )


def test_check_format_markdown(planned):
    result = CliRunner().invoke(main, ["check", str(planned), "--format", "markdown", "--lang", "fr"])
    assert result.exit_code in (0, 1)
    assert result.output.startswith("## Rapport postlint — Maison des jeunes du Plateau\n")
    assert "**6 brouillons · " in result.output


def test_markdown_cells_cannot_break_the_table(write, tmp_path):
    from postlint.output.markdown import cell

    assert cell("a | b\n<c>") == "a &#124; b &lt;c&gt;"


def test_check_does_not_import_the_report(tmp_path):
    probe = (
        "import json, sys\nfrom postlint.cli import main\n"
        "try:\n    main(['check', '--format', 'json', '-o', sys.argv[2], sys.argv[1]])\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('postlint.report'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(FIXTURES / "bom-x-trop-long.md"), str(tmp_path / "o.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# --- the page in a real browser -------------------------------------------------------------------


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
def test_page_renders_in_headless_chromium(fixtures_page, tmp_path):
    browser = chromium()
    if browser is None:
        pytest.skip("no chromium (or chromium-browser) on PATH: .ci/run installs Debian's chromium")
    version = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=60, check=False)
    if version.returncode != 0:
        pytest.skip(f"{browser} is on PATH but does not run: {version.stderr.strip()[:200]}")
    from PIL import Image

    page = tmp_path / "report.html"
    page.write_text(fixtures_page, encoding="utf-8")
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    common.append(f"--user-data-dir={tmp_path / 'profile'}")
    shot = tmp_path / "out.png"
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file(), "chromium wrote no screenshot"
    with Image.open(shot) as image:
        assert image.format == "PNG"
        assert image.size == (1280, 2400)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert len(colours) > 50  # text, bars, cards: far from a blank page
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    for section in SECTIONS:
        assert f'<section id="{section}"' in dom
    # the script ran: the filters are shown and count the rows
    assert re.search(r'<div class="filters" id="filters">', dom)
    assert re.search(r'<output id="filter-count"[^>]*>(\d+) sur \1 affichés</output>', dom)
