"""Images: the post has one, its file is one the platform takes, and it has alt text.

Guide: "Pratiques gagnantes", tip 1 (use photos, the most popular content, and take quality ones).
The platforms' own rules (media required, formats, weight, dimensions, ratio, how many images, how
long an alt text may be) come from rules/platforms.yaml, each with its source.

Image files are read as little as possible: `os.stat` for the weight, then Pillow's `Image.open`,
which reads the header (format, width, height) and decodes nothing. A path that leads outside the
repository is never opened, and a damaged, fake or oversized file is a finding, never a crash.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote

from postlint import i18n, languages, platforms
from postlint.counting import fast_length, measure
from postlint.draft import Draft
from postlint.findings import Finding
from postlint.resources import load_rules_yaml, rules_dir

_URL = re.compile(r"https?://", re.IGNORECASE)


@cache
def _section(key: str, section: str) -> dict:
    """One section of a platform's facts, read once (callers never change it)."""
    return platforms.facts(key, section)


def _is_url(src: str) -> bool:
    return _URL.match(src.strip()) is not None


# --- PL110 image -----------------------------------------------------------------------------


def image(draft: Draft, ctx) -> Iterator[Finding]:
    """The post has an image (front matter `image`/`images`, or a Markdown image in the text).

    Guide: "Pratiques gagnantes", tip 1: photos are the most popular content. Where the platform
    can't publish without media (rules/platforms.yaml `media.required`: Instagram, Pinterest,
    TikTok, Snapchat) a missing image is an error, and a video (`video`/`videos`) counts; where the
    platform's media is a video (YouTube) only a video counts. Elsewhere a missing image is a
    warning, and a video counts as the post's visual.
    """
    has_image, has_video = bool(draft.images), bool(draft.videos)
    if (has_image and has_video) or not draft.platforms:
        return  # without a known platform, no-platform or unknown-platform already speaks
    required = False
    for key in draft.platforms:
        media = _section(key, "media")
        if media.get("kind") == "video":
            if has_video:
                continue
            message = "required_video"
        elif media.get("required"):
            if has_image or has_video:
                continue
            message = "required_image"
        else:
            continue
        required = True
        name = platforms.display_name(key)
        yield ctx.at_text(message, 0, platform=name, source=media.get("source", name))
    if not required and not has_image and not has_video:
        yield ctx.at_text("guide", 0, soft=True)


# --- PL111 image-file ------------------------------------------------------------------------


@dataclass
class _Header:
    format: str  # Pillow's name, lower case (jpeg, png, gif, webp, heif, avif...)
    width: int | None
    height: int | None
    size: int  # bytes


@dataclass
class _Problem:
    key: str
    fields: dict


# ISO base media files (HEIF, AVIF) that Pillow may not read without a plugin: the brand after
# `ftyp` names the format, so that an iPhone photo is "a HEIF image", not "not an image".
_BRANDS = {
    b"heic": "heif",
    b"heix": "heif",
    b"hevc": "heif",
    b"hevx": "heif",
    b"heim": "heif",
    b"heis": "heif",
    b"mif1": "heif",
    b"msf1": "heif",
    b"avif": "avif",
    b"avis": "avif",
}
_FORMAT_ALIASES = {"mpo": "jpeg"}  # camera JPEGs with a second picture are still JPEG
# The only formats Pillow is asked to recognise: those of photos and graphics people post. The
# parsers of other formats never see the file (less to go wrong on a file from anywhere).
_PLUGINS = ("Jpeg", "Mpo", "Png", "Gif", "WebP", "Avif", "Tiff", "Bmp")
_FORMATS = ("JPEG", "MPO", "PNG", "GIF", "WEBP", "AVIF", "HEIF", "TIFF", "BMP")


@cache
def _pillow_formats() -> tuple[str, ...]:
    """The formats of _FORMATS that this Pillow can open, their plugins imported (not all of them)."""
    import importlib

    from PIL import Image as PILImage

    for plugin in _PLUGINS:
        try:
            importlib.import_module(f"PIL.{plugin}ImagePlugin")
        except ImportError:  # an older Pillow, or one built without the library
            continue
    return tuple(name for name in _FORMATS if name in PILImage.OPEN)


@lru_cache(maxsize=256)
def _root_for(folder: str, strategy_root: str | None) -> str:
    """The repository of a draft's folder: the nearest folder holding `.git`, else the strategy
    file's folder when the draft is inside it, else the draft's folder; resolved."""
    current = folder
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return os.path.realpath(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    if strategy_root:
        root = os.path.realpath(strategy_root)
        real_folder = os.path.realpath(folder)
        if real_folder == root or real_folder.startswith(root.rstrip(os.sep) + os.sep):
            return root
    return os.path.realpath(folder)


@lru_cache(maxsize=1024)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _shown(path: str, root: str) -> str:
    return os.path.relpath(path, root) if _inside(path, root) else path


def _header(src: str, origin: str, folder: str, root: str) -> _Header | _Problem:
    """Stat the image and read its header; what went wrong as a _Problem otherwise."""
    name = unquote(src) if origin == "markdown" else src  # Markdown percent-encodes the path
    name = name.strip()
    try:
        path = os.path.normpath(os.path.join(folder, name))
        if not name:
            return _Problem("empty", {})
        if not _inside(path, root):
            return _Problem("outside", {})
        # A symbolic link may lead outside too: resolve the folder (once per folder), then the
        # file itself only when it is a link.
        directory, base = os.path.split(path)
        real = os.path.join(_real_folder(directory), base)
        if not _inside(real, root):
            return _Problem("outside", {})
        info = os.lstat(real)
        if stat.S_ISLNK(info.st_mode):
            real = os.path.realpath(real)
            if not _inside(real, root):
                return _Problem("outside", {})
            info = os.stat(real)
    except ValueError:  # a NUL character in the name
        return _Problem("missing", {"where": name.replace("\0", "\\0")})
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return _Problem("missing", {"where": _shown(path, root)})
        if exc.errno == errno.ELOOP:
            return _Problem("loop", {})
        return _Problem("unreadable", {"reason": exc.strerror or str(exc)})
    if stat.S_ISDIR(info.st_mode):
        return _Problem("folder", {})
    if not stat.S_ISREG(info.st_mode):  # never open a pipe or a device: it could block
        return _Problem("not_regular", {})
    try:
        handle = open(real, "rb")  # noqa: SIM115 (closed below; Pillow reads from it)
    except OSError as exc:
        return _Problem("unreadable", {"reason": exc.strerror or str(exc)})
    with handle:
        return _read_header(handle, info.st_size)


def _read_header(handle, size: int) -> _Header | _Problem:
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    limit = PILImage.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; the warning is
            # turned into a finding below, from the size the header declares.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            # reads the header only: nothing is decoded
            with PILImage.open(handle, formats=_pillow_formats()) as picture:
                found, (width, height) = picture.format or "", picture.size
    except PILImage.DecompressionBombError:
        return _Problem("bomb_unknown", {"max": limit or 0})
    except UnidentifiedImageError:
        brand = _sniff_brand(handle)
        if brand:
            return _Header(brand, None, None, size)
        return _Problem("not_image", {})
    except Exception:  # a truncated or damaged header: OSError, SyntaxError, struct.error...
        return _Problem("broken", {})
    if limit and width * height > limit:
        return _Problem("bomb", {"width": width, "height": height, "max": limit})
    found = found.lower()
    return _Header(_FORMAT_ALIASES.get(found, found), width, height, size)


def _sniff_brand(handle) -> str | None:
    try:
        handle.seek(0)
        head = handle.read(12)
    except OSError:
        return None
    return _BRANDS.get(head[8:12]) if head[4:8] == b"ftyp" else None


def _megabytes(size: int) -> float:
    return round(size / 1_000_000, 2)


def _format_name(name: str) -> str:
    return {"webp": "WebP"}.get(name, name.upper())


def _crop(width: int, height: int, ratio: float) -> tuple[int, int]:
    """The largest crop of width x height at `ratio` (width / height)."""
    if width / height > ratio:
        return max(1, int(height * ratio)), height
    return width, max(1, int(width / ratio))


def _ratio_label(value: float, lang: str) -> str:
    """`4:5`, `2:3`, `10:1`, or `1,91:1` when no small whole ratio is that close."""
    for height in range(1, 6):
        width = round(value * height)
        if width and abs(width / height - value) < 0.005:
            return f"{width}:{height}"
    return f"{i18n.format_number(round(value, 2), lang)}:1"


def _platform_problems(header: _Header, facts: dict, ctx):
    """(message key, fields, soft) for each of the platform's limits this image breaks."""
    soft = facts.get("status") != "doc"
    advised = int(ctx.params.get("advised_width", 1080))
    fmt = header.format
    formats = facts.get("formats", "any")
    if formats != "any" and fmt not in formats:
        accepted = ", ".join(_format_name(f) for f in formats)
        yield (
            "format",
            {"found": _format_name(fmt), "accepted": accepted, "to": _format_name(formats[0])},
            soft,
        )
    max_bytes = (facts.get("max_bytes_by_format") or {}).get(fmt, facts.get("max_bytes"))
    if max_bytes and header.size > max_bytes:
        fields = {"size": _megabytes(header.size), "max": _megabytes(max_bytes), "advised": advised}
        yield "too_heavy", fields, soft
    width, height = header.width, header.height
    if not width or not height:
        return
    dims = {"width": width, "height": height}
    box = (facts.get("max_size_by_format") or {}).get(fmt)
    if box and (width > box[0] or height > box[1]):
        fields = {**dims, "found": _format_name(fmt), "max_w": box[0], "max_h": box[1]}
        yield "too_big_for_format", fields, soft
    span = facts.get("width") or {}
    if span.get("min") and width < span["min"]:
        yield "too_narrow", {**dims, "min": span["min"], "advised": max(advised, span["min"])}, soft
    if span.get("max") and width > span["max"]:
        target = min(max(advised, span.get("min", 0)), span["max"])
        yield "too_wide", {**dims, "max": span["max"], "to": target}, soft
    side = facts.get("max_side")
    if side and max(width, height) > side:
        yield "too_long_side", {**dims, "max": side}, soft
    ratio, bounds = width / height, facts.get("ratio") or {}
    low, high = bounds.get("min"), bounds.get("max")
    if (low and ratio < low) or (high and ratio > high):
        crop_w, crop_h = _crop(width, height, low if low and ratio < low else high)
        labels = {k: _ratio_label(v, ctx.lang) for k, v in (("min", low), ("max", high)) if v}
        which = "range_both" if low and high else "range_min" if low else "range_max"
        fields = {**dims, "range": ctx.msg(which, **labels), "crop_w": crop_w, "crop_h": crop_h}
        yield "ratio", fields, soft
    most = facts.get("max_pixels")
    if most and width * height > most:
        # the platform shrinks such images rather than refusing them: a warning
        yield "too_many_pixels", {**dims, "pixels": width * height, "max": most}, True
    advice = facts.get("recommended_ratio") or {}
    if advice.get("value") and abs(ratio - advice["value"]) > advice.get("tolerance", 0):
        crop_w, crop_h = _crop(width, height, advice["value"])
        label = _ratio_label(advice["value"], ctx.lang)
        yield "recommended_ratio", {**dims, "ratio": label, "crop_w": crop_w, "crop_h": crop_h}, True


def image_file(draft: Draft, ctx) -> Iterator[Finding]:
    """Each image file exists, is a real image, and is one the platform takes.

    Guide: "Pratiques gagnantes", tip 1 (quality photos). Platform facts (formats, weight, width,
    ratio, longest side, pixels, how many images; Instagram 4:5 to 1.91:1, X 5 MB, Bluesky
    2,000,000 bytes, Pinterest 2:3 advised): rules/platforms.yaml. Paths are relative to the
    draft's folder; a URL is accepted without being fetched; a path leading outside the repository
    is reported and not opened. Only the header is read. Documented limits: error; reported ones
    and advice: warning.
    """
    images = draft.images
    if not images:
        return
    keys = [key for key in draft.platforms if _section(key, "images")]
    for key in keys:
        most = _section(key, "images").get("max_count")
        if most and len(images) > most:
            extra = images[most]
            soft = _section(key, "images").get("status") != "doc"
            name = platforms.display_name(key)
            yield ctx.report(
                "too_many", extra.line, extra.column, soft=soft, n=len(images), max=most, platform=name
            )
    folder = os.path.dirname(os.path.abspath(draft.file))
    strategy_root = str(ctx.settings.root) if ctx.settings.path is not None else None
    root = _root_for(folder, strategy_root)
    seen: dict[tuple[str, str], _Header | _Problem] = {}
    for picture in images:
        if _is_url(picture.src):
            continue
        cache_key = (picture.src, picture.origin)
        if cache_key not in seen:
            seen[cache_key] = _header(picture.src, picture.origin, folder, root)
        found = seen[cache_key]
        src = picture.src
        if isinstance(found, _Problem):
            yield ctx.report(found.key, picture.line, picture.column, src=src, **found.fields)
            continue
        for key in keys:
            facts = _section(key, "images")
            name = platforms.display_name(key)
            for message, fields, soft in _platform_problems(found, facts, ctx):
                yield ctx.report(
                    message, picture.line, picture.column, soft=soft, src=src, platform=name, **fields
                )


# --- PL112 alt-text --------------------------------------------------------------------------


def _alt_limit(key: str, settings) -> dict | None:
    facts = dict(_section(key, "alt"))
    override = (settings.platform_settings.get(key) or {}).get("alt_limit")
    if override is not None:
        facts.update(max=override, status="doc")
        facts.setdefault("unit", "characters")
    return facts if facts.get("max") else None


def _alt_position(draft: Draft, picture) -> tuple[int, int]:
    """Where the image's alt text is written: its `alt:` key in the front matter, else the image."""
    if picture.origin != "front-matter" or picture.alt is None:
        return picture.line, picture.column
    listed = draft.front.get("images")
    for i, item in enumerate(listed if isinstance(listed, list) else []):
        if isinstance(item, dict) and item.get("src") == picture.src and item.get("alt") == picture.alt:
            return draft.front_line(("images", i, "alt"), key=True), 1
    if draft.front.get("alt") == picture.alt:
        return draft.front_line(("alt",), key=True), 1
    return picture.line, picture.column


def _alt_length(alt: str, unit: str) -> int:
    quick = fast_length(alt, unit)
    return quick if quick is not None else measure(alt, unit).length


def _fold(text: str) -> str:
    """Lower case, no accents, letters only, single spaces: `Capture d’écran 2` -> `capture d ecran`."""
    return " ".join(re.sub(r"[\W\d_]+", " ", languages.fold(text)).split())


_PLACEHOLDER_MAX = 40  # a bare word, with a number or some punctuation: longer alts are descriptions
_FILE_NAME_MAX = 255  # the longest file name most file systems allow


@lru_cache(maxsize=8)
def _placeholders(names: tuple[str, ...]) -> frozenset[str]:
    """The bare words of the lexicons `names` in every language
    (rules/lexicons/<lang>/<name>.yaml, key `words`), folded."""
    words: set[str] = set()
    base = rules_dir() / "lexicons"
    for folder in sorted(base.iterdir()) if base.is_dir() else ():
        for name in names:
            if (folder / f"{name}.yaml").is_file():
                data = load_rules_yaml(f"lexicons/{folder.name}/{name}.yaml") or {}
                words.update(_fold(str(word)) for word in data.get("words") or ())
    return frozenset(words)


@lru_cache(maxsize=8)
def _name_pattern(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for all; one that doesn't compile (a strategy file's typo) is left out."""
    valid = []
    for pattern in patterns:
        try:
            re.compile(str(pattern))
        except re.error:
            continue
        valid.append(f"(?:{pattern})")
    return re.compile("|".join(valid), re.IGNORECASE) if valid else None


def alt_text(draft: Draft, ctx) -> Iterator[Finding]:
    """Every image has alt text that describes it, within the platform's limit.

    Guide: "Pratiques gagnantes", tip 1 (photos), for everyone: people who use a screen reader
    only get the alt text. Missing, a file name or a bare word such as "photo": warning (word list:
    rules/lexicons/*/alt-placeholders.yaml). Over the platform's limit (rules/platforms.yaml `alt`:
    X 1,000, Pinterest 500, Mastodon 1,500, Bluesky 2,000 graphemes; `alt_limit` in
    platform_settings): error when the limit is documented.
    """
    images = draft.images
    if not images:
        return
    limits = [(key, _alt_limit(key, ctx.settings)) for key in draft.platforms]
    limits = [(key, limit) for key, limit in limits if limit]
    names = tuple(ctx.params.get("file_name_patterns") or ())
    lexicons = tuple(ctx.params.get("placeholder_lexicons") or ())
    for picture in images:
        alt = (picture.alt or "").strip()
        if not alt:
            yield ctx.report("missing", picture.line, picture.column, soft=True, src=picture.src)
            continue
        problems = []
        pattern = _name_pattern(names) if names and len(alt) <= _FILE_NAME_MAX else None
        if pattern is not None and pattern.fullmatch(alt):
            problems.append(("file_name", {"alt": alt}, True))
        elif len(alt) <= _PLACEHOLDER_MAX and _fold(alt) in _placeholders(lexicons):
            problems.append(("placeholder", {"alt": alt}, True))
        for key, limit in limits:
            unit = limit.get("unit", "characters")
            length = _alt_length(alt, unit)
            if length > limit["max"]:
                fields = {
                    "count": length,
                    "max": limit["max"],
                    "excess": length - limit["max"],
                    "unit": i18n.text(f"unit_{unit}", ctx.lang),
                    "platform": platforms.display_name(key),
                }
                problems.append(("too_long", fields, limit.get("status") != "doc"))
        if problems:
            line, column = _alt_position(draft, picture)
            for message, fields, soft in problems:
                yield ctx.report(message, line, column, soft=soft, src=picture.src, **fields)
