"""The image rules (PL110 image, PL111 image-file, PL112 alt-text) on what fixtures can't show well:
decompression bombs, folders and symbolic-link loops with an image's name, files that can't be read,
links leading outside the repository, and the platform limits one by one. Every case is a finding
with its position, never an exception (no PL000)."""

from __future__ import annotations

import builtins
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from PIL import Image

from postlint import engine
from postlint.checks import image as image_check

CODES = ("PL110", "PL111", "PL112")


@pytest.fixture
def repo(tmp_path):
    """A repository (it has .git) with a strategy file and an images/ folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "postlint.yaml").write_text("language: en\n", encoding="utf-8")
    return tmp_path


def jpeg(path: Path, size=(1080, 1350), **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (120, 160, 200)).save(path, kwargs.pop("format", None), quality=10, **kwargs)
    return path


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares width x height pixels and holds none: nothing is ever allocated."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def draft(folder: Path, front: str, body: str = "Merci à toutes et à tous pour samedi !", name="post.md"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}\n", encoding="utf-8")
    return path


def findings(path: Path, settings: dict | None = None):
    if settings is not None:
        (path.parent / "postlint.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    report = engine.check_paths([str(path)], engine.Options(lang="en"))
    assert [f for f in report.findings if f.code == "PL000"] == [], "a check crashed"
    return [f for f in report.findings if f.code in CODES]


def one(found, code="PL111"):
    mine = [f for f in found if f.code == code]
    assert len(mine) == 1, [(f.code, f.message) for f in found]
    return mine[0]


# --- PL111: files that are not images -----------------------------------------------------------


def test_decompression_bomb_declared_in_a_hand_written_header(repo):
    (repo / "images" / "bomb.png").write_bytes(png_header(100_000, 100_000))
    found = one(findings(draft(repo, "platform: facebook\nimage: images/bomb.png\nalt: Une affiche")))
    assert (found.line, found.severity) == (3, "error")
    assert "decompression bomb" in found.message


def test_decompression_bomb_warning_becomes_a_finding(repo, monkeypatch):
    """Over MAX_IMAGE_PIXELS (but under twice it) Pillow only warns: still a finding, with the size."""
    jpeg(repo / "images" / "a.jpg", (100, 100))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 6000)
    found = one(findings(draft(repo, "platform: facebook\nimage: images/a.jpg\nalt: Une affiche")))
    assert "100 × 100 px" in found.message and "decompression bomb" in found.message


def test_a_folder_named_like_an_image(repo):
    (repo / "images" / "x.jpg").mkdir()
    found = one(findings(draft(repo, "platform: facebook\nimage: images/x.jpg\nalt: Une affiche")))
    assert "is a folder" in found.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_loop_named_like_an_image(repo):
    os.symlink("a.jpg", repo / "images" / "a.jpg")
    found = one(findings(draft(repo, "platform: facebook\nimage: images/a.jpg\nalt: Une affiche")))
    assert "leads back to itself" in found.message


def test_an_image_that_cannot_be_opened(repo, monkeypatch):
    """Permission denied on open (simulated, since chmod 000 does not stop root)."""
    jpeg(repo / "images" / "secret.jpg")

    def refusing_open(file, *args, **kwargs):
        if Path(file).name == "secret.jpg":
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(image_check, "open", refusing_open, raising=False)
    found = one(findings(draft(repo, "platform: facebook\nimage: images/secret.jpg\nalt: Une affiche")))
    assert "can't be read (Permission denied)" in found.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_an_image_is_never_opened(repo):
    os.mkfifo(repo / "images" / "pipe.jpg")  # opening it would block forever
    found = one(findings(draft(repo, "platform: facebook\nimage: images/pipe.jpg\nalt: Une affiche")))
    assert "not an ordinary file" in found.message


def test_a_text_file_and_a_truncated_jpeg(repo):
    (repo / "images" / "fake.jpg").write_text("not a picture\n", encoding="utf-8")
    real = jpeg(repo / "images" / "real.jpg").read_bytes()
    (repo / "images" / "cut.jpg").write_bytes(real[:100])
    (repo / "images" / "empty.jpg").write_bytes(b"")
    front = (
        "platform: facebook\nalt: Une affiche\nimages: [images/fake.jpg, images/cut.jpg, images/empty.jpg]"
    )
    found = findings(draft(repo, front))
    assert len(found) == 3 and all(f.code == "PL111" and f.severity == "error" for f in found)


def test_a_heif_photo_is_named_even_without_a_heif_plugin(repo):
    box = struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0" + b"mif1heic"
    (repo / "images" / "iphone.heic").write_bytes(box + b"\0" * 64)
    found = one(findings(draft(repo, "platform: instagram\nimage: images/iphone.heic\nalt: Une affiche")))
    assert "is a HEIF image: Instagram accepts only JPEG" in found.message


# --- PL111: paths ----------------------------------------------------------------------------------


def test_paths_leaving_the_repository_are_not_opened(repo, monkeypatch):
    opened = []
    real_open = builtins.open
    spy = lambda f, *a, **k: opened.append(f) or real_open(f, *a, **k)  # noqa: E731
    monkeypatch.setattr(image_check, "open", spy, raising=False)
    outside = repo.parent / f"{repo.name}-outside.jpg"
    jpeg(outside)
    try:
        os.symlink(outside, repo / "images" / "link.jpg")
        front = (
            "platform: facebook\nalt: Une affiche\n"
            f"images: [../../../etc/passwd, /etc/passwd, images/link.jpg, ../{outside.name}]"
        )
        found = findings(draft(repo, front))
    finally:
        outside.unlink()
    assert [f.code for f in found] == ["PL111"] * 4
    assert all("outside the repository" in f.message for f in found)
    assert opened == []


def test_the_repository_is_the_folder_holding_git(repo):
    jpeg(repo / "images" / "shared.jpg")
    front = "platform: facebook\nimage: ../../images/shared.jpg\nalt: Le local"
    post = draft(repo / "drafts" / "2026", front)
    assert findings(post) == []


def test_without_git_the_strategy_file_folder_is_the_root(tmp_path):
    jpeg(tmp_path / "images" / "a.jpg")
    (tmp_path / "postlint.yaml").write_text("language: en\n", encoding="utf-8")
    post = draft(tmp_path / "drafts", "platform: facebook\nimage: ../images/a.jpg\nalt: Le local")
    assert findings(post) == []
    post = draft(tmp_path / "drafts", "platform: facebook\nimage: ../../a.jpg\nalt: Le local")
    assert "outside the repository" in one(findings(post)).message


def test_markdown_paths_are_percent_decoded_and_urls_never_fetched(repo, monkeypatch):
    jpeg(repo / "images" / "assemblée générale.jpg")
    monkeypatch.setattr(image_check, "_header", None)  # any attempt to read would fail
    body = "Merci !\n![Une salle pleine](https://exemple.org/a.jpg)"
    assert findings(draft(repo, "platform: facebook", body)) == []
    monkeypatch.undo()
    body = "Merci !\n![Une salle pleine](<images/assemblée générale.jpg>)"
    assert findings(draft(repo, "platform: facebook", body)) == []


def test_missing_file_and_strange_names(repo):
    front = 'platform: facebook\nalt: Le local\nimages: ["images/absente.jpg", "a\\0b.jpg", ""]'
    found = findings(draft(repo, front))
    assert [f.code for f in found] == ["PL111"] * 3
    assert "file not found (images/absente.jpg)" in found[0].message


# --- PL111: platform limits ------------------------------------------------------------------------


def test_instagram_format_ratio_and_width(repo):
    jpeg(repo / "images" / "ok.jpg", (1080, 1350))
    jpeg(repo / "images" / "tall.jpg", (1000, 2000))
    jpeg(repo / "images" / "narrow.jpg", (300, 300))
    Image.new("RGB", (1080, 1080)).save(repo / "images" / "square.png")
    front = (
        "platform: instagram\nalt: Le local\n"
        "images: [images/ok.jpg, images/tall.jpg, images/narrow.jpg, images/square.png]"
    )
    found = findings(draft(repo, front))
    messages = [(f.line, f.severity, f.message) for f in found]
    assert len(found) == 3, messages
    assert "Crop it, for example to 1,000 × 1,250 px" in found[0].message
    assert "at least 320" in found[1].message
    assert "PNG image: Instagram accepts only JPEG" in found[2].message


def test_x_weight_gif_box_and_count(repo):
    noisy = Image.effect_noise((1600, 1600), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    (repo / "images" / "heavy.png").write_bytes(buffer.getvalue() + b"\0" * 5_000_001)
    Image.new("P", (1500, 1000)).save(repo / "images" / "big.gif")
    front = "platform: x\nalt: Le local\nimages: [images/heavy.png, images/big.gif]"
    found = findings(draft(repo, front))
    assert len(found) == 2
    assert "at most 5 MB" in found[0].message
    assert "a GIF is at most 1,280 × 1,080 px" in found[1].message


def test_reported_limits_and_advice_are_warnings(repo):
    Image.new("RGB", (800, 800)).save(repo / "images" / "a.webp")
    jpeg(repo / "images" / "tiktok.jpg", (1080, 2400))
    found = findings(draft(repo, "platforms: [linkedin, pinterest]\nimage: images/a.webp\nalt: Le local"))
    assert [(f.severity, "LinkedIn" in f.message or "Pinterest" in f.message) for f in found] == [
        ("warning", True),  # LinkedIn: formats reported only
        ("error", True),  # Pinterest: PNG or JPEG, documented
        ("warning", True),  # Pinterest: 2:3 advised
    ]
    found = findings(draft(repo, "platform: tiktok\nimage: images/tiktok.jpg\nalt: Le local"))
    assert [(f.severity, "longest side is 1,920" in f.message) for f in found] == [("warning", True)]


def test_mastodon_pixels_are_a_warning(repo):
    jpeg(repo / "images" / "big.jpg", (4000, 3000))
    found = one(findings(draft(repo, "platform: mastodon\nimage: images/big.jpg\nalt: Le local")))
    assert found.severity == "warning" and "12,000,000 pixels" in found.message


# --- PL110 and PL112 -------------------------------------------------------------------------------


def test_video_counts_but_youtube_needs_one(repo):
    assert findings(draft(repo, "platform: instagram\nvideo: videos/a.mp4")) == []
    front = "platform: youtube\nimage: https://exemple.org/a.jpg\nalt: Le local"
    found = one(findings(draft(repo, front)), "PL110")
    assert found.severity == "error" and "video" in found.message


def test_alt_limit_override_and_graphemes(repo):
    family = "👨‍👩‍👧‍👦"  # one grapheme, 7 code points
    alt = "a" * 1490 + family * 20
    front = f"platforms: [bluesky, mastodon]\nimage: https://exemple.org/a.jpg\nalt: {alt}"
    # Bluesky counts 1,510 graphemes (under 2,000); Mastodon counts 1,630 characters (over 1,500)
    found = one(findings(draft(repo, front), {"language": "en"}), "PL112")
    assert found.severity == "error" and "1,630 characters: Mastodon takes at most 1,500" in found.message
    assert findings(draft(repo, front), {"platform_settings": {"mastodon": {"alt_limit": 2000}}}) == []
    overrides = {"mastodon": {"alt_limit": 2000}, "bluesky": {"alt_limit": 1000}}
    found = one(findings(draft(repo, front), {"platform_settings": overrides}), "PL112")
    assert "1,510 characters: Bluesky takes at most 1,000" in found.message


def test_alt_positions_and_placeholders(repo):
    front = """\
platform: facebook
images:
  - src: https://exemple.org/a.jpg
    alt: image 2
  - src: https://exemple.org/b.jpg
    alt: Screenshot 2026-03-01 at 10.22.31 AM
  - src: https://exemple.org/c.jpg
    alt: Capture d’écran de notre formulaire de don, avec le bouton « Donner » en rouge
"""
    found = findings(draft(repo, front))
    assert [(f.line, f.severity, f.message.split(":")[0]) for f in found] == [
        (5, "warning", "The description of https"),
        (7, "warning", "The description of https"),
    ]
    assert "is only “image 2”" in found[0].message and "is a file name" in found[1].message


def test_a_broken_pattern_in_the_strategy_file_is_left_out(repo):
    front = "platform: facebook\nimage: https://exemple.org/a.jpg\nalt: IMG_2034"
    settings = {"rules": {"alt-text": {"file_name_patterns": ["(", "img_\\d+"]}}}
    assert "is a file name" in one(findings(draft(repo, front), settings), "PL112").message
