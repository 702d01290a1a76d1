"""Reading a draft: front matter, the post's text, attachments and positions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.draft import read_draft

DRAFT = """---
platform: Twitter
persona: lina
images:
  - src: photos/a.jpg
    alt: Une table
---
<!-- postlint-disable length-guide -->
Bonjour ![photo du local](local.jpg) tout le monde !

![](seule.png)
Voir [notre site](https://exemple.ca).
<!-- une note
sur deux lignes -->
Fin.
"""


def test_front_matter_text_images_and_comments(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(DRAFT, encoding="utf-8")
    draft = read_draft(path, "a.md")
    assert draft.problems == []
    assert draft.platforms == ["x"]
    assert draft.personas == ["lina"]
    assert draft.text == ("Bonjour  tout le monde !\n\nVoir [notre site](https://exemple.ca).\nFin.")
    images = [(i.src, i.alt, i.line, i.column, i.origin) for i in draft.images]
    assert images == [
        ("photos/a.jpg", "Une table", 5, 1, "front-matter"),
        ("local.jpg", "photo du local", 9, 9, "markdown"),
        ("seule.png", None, 11, 1, "markdown"),
    ]
    assert [(first, last) for first, last, _ in draft.comments] == [(8, 8), (13, 14)]
    # "Fin." is on line 15 of the file
    assert draft.text_position(draft.text.index("Fin.")) == (15, 1)
    assert draft.text_position(draft.text.index("tout")) == (9, 38)


def test_crlf_and_bom_keep_positions(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\nplatform: x\r\n---\r\nUn\r\nDeux\r\n".encode())
    draft = read_draft(path, "a.md")
    assert draft.problems == []
    assert draft.text == "Un\nDeux"
    assert draft.text_position(3) == (5, 1)
    assert draft.front_line(("platform",)) == 2


def test_no_front_matter_is_all_text(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Juste du texte.\n", encoding="utf-8")
    draft = read_draft(path, "a.md")
    assert draft.text == "Juste du texte."
    assert [p.rule for p in draft.problems] == ["no-platform"]


pieces = st.sampled_from(
    [
        "a",
        "é",
        " ",
        "\n",
        "\n\n",
        "![x](y.png)",
        "<!-- c -->",
        "[l](u)",
        "  ",
        "\U0001f600",
        "**g**",
        "\t",
        "- item",
        "> cite",
        "<!--",
        "-->",
        "](",
        "`code`",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_every_text_character_maps_back_to_the_same_file_character(tmp_path_factory, body):
    folder = tmp_path_factory.mktemp("d")
    path = folder / "a.md"
    source = "---\nplatform: x\n---\n" + body
    path.write_text(source, encoding="utf-8")
    draft = read_draft(path, "a.md")
    lines = source.split("\n")
    for index, char in enumerate(draft.text):
        line, column = draft.text_position(index)
        text_line = lines[line - 1] + "\n"
        assert text_line[column - 1] == char
