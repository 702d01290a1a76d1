"""A draft: a Markdown file with YAML front matter, read into what the checks look at.

Reading never raises on bad input. What is wrong with the file itself (unreadable, not text, too
large, broken or unsafe front matter, values of the wrong type, unknown platform) is recorded as a
`Problem` with its position, and the engine reports it as a finding of the matching PL0xx rule.

The post's text is the body with HTML comments removed, Markdown images taken out as attachments
and the blank space at both ends trimmed; everything else stays literal, since platforms do not
render Markdown. Every offset in the text maps back to a line and column of the file.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from postlint import platforms
from postlint.markdown import Piece, find_pieces

if TYPE_CHECKING:
    from postlint import yamlsafe

_FENCE = re.compile(r"---[ \t]*\n")
_FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_NEWLINES = re.compile(r"\r\n?")
_BYTE_NEWLINES = re.compile(rb"\r\n?|\n")
_BOM = b"\xef\xbb\xbf"


@dataclass
class Problem:
    """Something wrong with the file itself; `rule` is a rule name, `key` one of its messages."""

    rule: str
    key: str
    line: int  # 1-based
    column: int = 1
    fields: dict = field(default_factory=dict)
    suggestion: str | None = None


@dataclass
class Image:
    src: str
    alt: str | None
    line: int
    column: int
    origin: str  # front-matter | markdown


@dataclass
class Limits:
    """How much input postlint accepts; the values come from the PL0xx rules' params."""

    max_bytes: int = 1_000_000
    max_yaml_values: int = 10_000
    max_yaml_depth: int = 20


@dataclass
class Draft:
    path: str  # as shown to the user
    file: Path
    source: str = ""  # decoded, BOM removed, line endings made \n
    front: dict = field(default_factory=dict)
    front_doc: yamlsafe.YamlDocument | None = None
    body_offset: int = 0
    body: str = ""
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = False  # the file was read and its front matter understood
    _segments: list[tuple[int, int]] = field(default_factory=list, repr=False)

    # --- positions ---------------------------------------------------------------------------

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", self.source))
        return starts

    def file_position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a file offset."""
        starts = self._line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def file_offset_of_text(self, index: int) -> int:
        """The file offset of the character at `index` in the post's text."""
        if not self._segments:
            return self.body_offset
        pos = bisect.bisect_right(self._segments, (index, float("inf"))) - 1
        text_start, file_start = self._segments[max(pos, 0)]
        return file_start + (index - text_start)

    def text_position(self, index: int) -> tuple[int, int]:
        """1-based line and column in the file of the character at `index` in the text."""
        if self.text and index >= len(self.text):
            line, column = self.text_position(len(self.text) - 1)
            return line, column + 1
        return self.file_position(self.file_offset_of_text(index))

    def front_line(self, path: tuple | list, key: bool = False) -> int:
        """1-based file line of a front-matter value (or its key) at `path`."""
        if self.front_doc is None:
            return 1
        finder = self.front_doc.key_line_of if key else self.front_doc.line_of
        line = finder(path)
        return 2 + (line if line is not None else 0)

    @property
    def body_line(self) -> int:
        return self.file_position(self.body_offset)[0]

    # --- what the checks read ----------------------------------------------------------------

    @cached_property
    def platforms(self) -> list[str]:
        """Known platform keys the draft is for (unknown names are problems, not platforms)."""
        found = []
        for _path, name in self._platform_names():
            key = platforms.resolve(name)
            if key and key not in found:
                found.append(key)
        return found

    def _platform_names(self) -> list[tuple[tuple, str]]:
        names = []
        for key in ("platform", "platforms"):
            value = self.front.get(key)
            if isinstance(value, str):
                names.append(((key,), value))
            elif isinstance(value, list):
                names.extend(((key, i), v) for i, v in enumerate(value) if isinstance(v, str))
        return names

    @cached_property
    def personas(self) -> list[str]:
        found: list[str] = []
        for key in ("persona", "audience"):
            value = self.front.get(key)
            values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            found.extend(v for v in values if isinstance(v, str) and v not in found)
        return found

    @cached_property
    def images(self) -> list[Image]:
        found = []
        alt = self.front.get("alt") if isinstance(self.front.get("alt"), str) else None
        image = self.front.get("image")
        if isinstance(image, str):
            found.append(Image(image, alt, self.front_line(("image",)), 1, "front-matter"))
        listed = self.front.get("images")
        for i, item in enumerate(listed if isinstance(listed, list) else []):
            line = self.front_line(("images", i))
            if isinstance(item, str):
                found.append(Image(item, alt, line, 1, "front-matter"))
            elif isinstance(item, dict) and isinstance(item.get("src"), str):
                item_alt = item.get("alt") if isinstance(item.get("alt"), str) else alt
                found.append(Image(item["src"], item_alt, line, 1, "front-matter"))
        for piece in self.pieces:
            if piece.kind == "image":
                line, column = self.file_position(self.body_offset + piece.start)
                found.append(Image(piece.target, piece.label or None, line, column, "markdown"))
        return found

    @cached_property
    def videos(self) -> list[str]:
        """Video files named in the front matter (`video` or `videos`)."""
        found = []
        for key in ("video", "videos"):
            value = self.front.get(key)
            values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            found.extend(v for v in values if isinstance(v, str))
        return found

    @cached_property
    def urls(self) -> list:
        from postlint import entities

        return entities.urls(self.text)

    @cached_property
    def hashtags(self) -> list:
        from postlint import entities

        return entities.hashtags(self.text)

    @cached_property
    def mentions(self) -> list:
        from postlint import entities

        return entities.mentions(self.text)

    @cached_property
    def emoji(self) -> list:
        from postlint import entities

        return entities.emoji(self.text)

    @property
    def comments(self) -> list[tuple[int, int, str]]:
        """(first line, last line, inner text) of each HTML comment in the body, lines 1-based."""
        return [
            (
                self.file_position(self.body_offset + p.start)[0],
                self.file_position(self.body_offset + p.end - 1)[0],
                p.label,
            )
            for p in self.pieces
            if p.kind == "comment"
        ]

    @property
    def file_settings(self) -> dict:
        """The `postlint:` settings; a value of the wrong type is left out (front-matter-value says so)."""
        value = self.front.get("postlint")
        if not isinstance(value, dict):
            return {}
        if not isinstance(value.get("ignore", []), (str, list)):
            return {k: v for k, v in value.items() if k != "ignore"}
        return value


# --- reading ---------------------------------------------------------------------------------


def read_draft(file: Path, shown: str, limits: Limits | None = None) -> Draft:
    """Read and parse one draft; never raises for anything the file contains."""
    limits = limits or Limits()
    draft = Draft(path=shown, file=file)
    data = _read_bytes(file, draft, limits)
    if data is None:
        return draft
    source = _decode(data, draft)
    if source is None:
        return draft
    draft.source = _NEWLINES.sub("\n", source)
    if not _split_front_matter(draft, limits):
        return draft
    _validate_front_matter(draft)
    _build_text(draft)
    draft.readable = True
    if not draft.text:
        key = "empty_file" if not draft.source.strip() else "no_text"
        draft.problems.append(Problem("empty-draft", key, draft.body_line))
    return draft


def _read_bytes(file: Path, draft: Draft, limits: Limits) -> bytes | None:
    try:
        info = os.stat(file)
        if stat.S_ISDIR(info.st_mode):
            draft.problems.append(Problem("unreadable-file", "folder", 1, fields={"name": file.name}))
            return None
        if not stat.S_ISREG(info.st_mode):
            draft.problems.append(Problem("unreadable-file", "not_regular", 1))
            return None
        if info.st_size > limits.max_bytes:
            draft.problems.append(
                Problem(
                    "file-too-large", "too_large", 1, fields={"size": info.st_size, "max": limits.max_bytes}
                )
            )
            return None
        data = _read_at_most(file, limits.max_bytes + 1, info.st_size)
    except OSError as exc:
        draft.problems.append(
            Problem(
                "unreadable-file",
                "os_error",
                1,
                fields={"reason": exc.strerror or str(exc), "errno": exc.errno},
            )
        )
        return None
    if len(data) > limits.max_bytes:  # it grew since stat
        draft.problems.append(
            Problem("file-too-large", "too_large", 1, fields={"size": len(data), "max": limits.max_bytes})
        )
        return None
    return data


def _read_at_most(file: Path, limit: int, size: int) -> bytes:
    """The first `limit` bytes of a file (all of it when it is shorter), read without Python's
    buffered file object (a third of the cost of reading a draft's few hundred bytes); `size`: its
    size when it was looked at, the size of the first read."""
    handle = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks = []
        left = limit
        while left > 0:
            chunk = os.read(handle, min(left, size + 1))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(handle)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column of the byte at `index`, counted as for the decoded text.

    Lines end at LF, CRLF or a lone CR (as when reading); the column counts the characters
    before the byte on its line, not their UTF-8 bytes.
    """
    before = data[:index]
    breaks = list(_BYTE_NEWLINES.finditer(before))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(before[start:].decode("utf-8", "replace")) + 1


def _decode(data: bytes, draft: Draft) -> str | None:
    if data.startswith(_BOM):  # positions are counted without it, as in the text
        data = data[len(_BOM) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        draft.problems.append(Problem("not-text", "binary", line, column))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        draft.problems.append(
            Problem("not-text", "encoding", line, column, {"byte": f"0x{data[exc.start]:02X}"})
        )
        return None


def _split_front_matter(draft: Draft, limits: Limits) -> bool:
    source = draft.source
    opening = _FENCE.match(source)
    if not opening:
        if source.rstrip() == "---":
            draft.problems.append(Problem("front-matter-syntax", "unterminated", 1))
            return False
        draft.body_offset = 0
        draft.body = source
        return True
    closing = _FENCE_END.search(source, opening.end())
    if not closing:
        draft.problems.append(Problem("front-matter-syntax", "unterminated", 1))
        return False
    yaml_text = source[opening.end() : closing.start()]
    after = closing.end() + 1 if closing.end() < len(source) else closing.end()
    draft.body_offset = after
    draft.body = source[after:]
    from postlint import yamlsafe  # only when a draft is read (a cached run reads none)

    try:
        doc = yamlsafe.load(yaml_text, max_nodes=limits.max_yaml_values, max_depth=limits.max_yaml_depth)
    except yamlsafe.YamlProblem as problem:
        fields = {"detail": problem.detail, "max": _limit_for(problem.kind, limits)}
        draft.problems.append(
            Problem(
                "front-matter-syntax",
                problem.kind.replace("-", "_"),
                problem.line + 2,
                problem.column + 1,
                fields,
            )
        )
        return False
    draft.front_doc = doc
    if doc.data is None:
        draft.front = {}
    elif isinstance(doc.data, dict):
        draft.front = {str(k): v for k, v in doc.data.items()}
    else:
        draft.problems.append(Problem("front-matter-value", "not_mapping", 2))
        return False
    return True


def _limit_for(kind: str, limits: Limits) -> int:
    return limits.max_yaml_depth if kind == "too-deep" else limits.max_yaml_values


def _validate_front_matter(draft: Draft) -> None:
    from postlint.frontmatter import check_front_matter

    draft.problems.extend(check_front_matter(draft))


def _removal_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removed piece to its whole line when nothing else stands on that line."""
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    line_end = len(body) if line_end < 0 else line_end
    if body[line_start:start].strip() or body[end:line_end].strip():
        return start, end
    return line_start, min(line_end + 1, len(body))


def _build_text(draft: Draft) -> None:
    body = draft.body
    draft.pieces = find_pieces(body)
    kept: list[tuple[int, int]] = []  # body spans that stay in the text
    cursor = 0
    for piece in draft.pieces:
        if piece.kind not in ("comment", "image") or piece.start < cursor:
            continue
        start, end = _removal_span(body, piece.start, piece.end)
        start = max(start, cursor)
        if start > cursor:
            kept.append((cursor, start))
        cursor = end
    if cursor < len(body):
        kept.append((cursor, len(body)))
    parts, segments, length = [], [], 0
    for start, end in kept:
        segments.append((length, draft.body_offset + start))
        parts.append(body[start:end])
        length += end - start
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    draft.text = text.strip()
    # shift segments by the trimmed lead so that text index 0 is the first kept character
    draft._segments = []
    for text_start, file_start in segments:
        shifted = text_start - lead
        if shifted < 0:
            file_start -= shifted
            shifted = 0
        draft._segments.append((shifted, file_start))
