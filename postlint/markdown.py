"""Find images, links and HTML comments in a Markdown body, with their positions.

markdown-it-py gives block tokens their lines but inline tokens no position, so the inline rules
for images, links and inline HTML are wrapped to record the source they consumed; each piece is
then found again in the body, in order, from the start of its block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_RECORDED = ("image", "link_open", "html_inline")


@dataclass(frozen=True)
class Piece:
    kind: str  # image | link | comment
    start: int  # offsets in the body
    end: int
    target: str = ""  # image src or link href
    label: str = ""  # image alt, link text, or the comment's inner text
    title: str = ""


def _recording(name: str, fn):
    def rule(state, silent):
        before_pos, before_len = state.pos, len(state.tokens)
        matched = fn(state, silent)
        if matched and not silent:
            # pending text before the piece is flushed into a text token first: skip it
            for token in state.tokens[before_len:]:
                if token.type in _RECORDED:
                    spans = state.env.setdefault("_postlint_spans", {})
                    spans[id(token)] = state.src[before_pos : state.pos]
                    break
        return matched

    rule.__name__ = f"postlint_{name}"
    return rule


@cache
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    for rule in md.inline.ruler.__rules__:
        if rule.name in ("image", "link", "html_inline"):
            md.inline.ruler.at(rule.name, _recording(rule.name, rule.fn))
    return md


def _line_offsets(body: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", body))
    return starts


def _comment_spans(body: str, start: int, end: int):
    """(start, end) of each `<!-- ... -->` in body[start:end], as `_COMMENT` finds them, in linear
    time: the regex would scan to the end again from every unclosed `<!--`."""
    while True:
        opening = body.find("<!--", start, end)
        if opening < 0:
            return
        closing = body.find("-->", opening + 4, end)
        if closing < 0:
            return  # nothing after an unclosed comment can close either
        yield opening, closing + 3
        start = closing + 3


def find_pieces(body: str) -> list[Piece]:
    """Images, links and HTML comments of `body`, in document order."""
    if "<!--" not in body and "[" not in body:
        return []
    env: dict = {}
    tokens = _parser().parse(body, env)
    spans = env.get("_postlint_spans", {})
    lines = _line_offsets(body)
    pieces: list[Piece] = []
    for token in tokens:
        if token.map is None:
            continue
        block_start = lines[token.map[0]]
        block_end = lines[token.map[1]] if token.map[1] < len(lines) else len(body)
        if token.type == "html_block":
            for start, end in _comment_spans(body, block_start, block_end):
                pieces.append(Piece("comment", start, end, label=body[start + 4 : end - 3]))
        elif token.type == "inline" and token.children:
            _inline_pieces(body, block_start, token.children, spans, pieces)
    pieces.sort(key=lambda p: (p.start, -p.end))
    return pieces


def _inline_pieces(body, cursor, children, spans, pieces) -> None:
    for child in children:
        source = spans.get(id(child))
        if source is None:
            continue
        found = body.find(source, cursor)
        if found < 0:
            continue  # rewritten by the block (list or quote continuation): no position to give
        cursor = found + 1
        end = found + len(source)
        if child.type == "image":
            pieces.append(
                Piece(
                    "image",
                    found,
                    end,
                    target=str(child.attrs.get("src", "")),
                    label=child.content,
                    title=str(child.attrs.get("title", "") or ""),
                )
            )
        elif child.type == "link_open":
            pieces.append(Piece("link", found, end, target=str(child.attrs.get("href", ""))))
        elif child.type == "html_inline":
            m = _COMMENT.fullmatch(source)
            if m:
                pieces.append(Piece("comment", found, end, label=m.group(1)))
