"""Suppressing findings: per file in the front matter, per block or line in HTML comments.

    postlint: {ignore: [length-guide]}                  front matter: the whole file
    <!-- postlint-disable length-guide tone -->          from here until postlint-enable (or the end)
    <!-- postlint-enable -->                             ends every open disable (or the named ones)
    <!-- postlint-disable-next-line length-guide -->    only the line after the comment

With no rule named, a comment applies to every rule. Rules are named by code, prefix, name or
check, as with --select. A name that matches no rule is itself reported (unknown-rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from postlint import catalogue

if TYPE_CHECKING:  # a cached run rebuilds a draft's suppressions without reading any draft
    from postlint.draft import Draft, Problem

_DIRECTIVE = re.compile(r"^\s*postlint-(disable-next-line|disable|enable)\b(.*)$", re.DOTALL)
ALL = ("*",)


@dataclass
class Suppressions:
    file: list[str] = field(default_factory=list)
    ranges: list[tuple[int, float, tuple[str, ...]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def hides(self, rule: catalogue.Rule, line: int) -> bool:
        if any(catalogue.matches(s, rule) for s in self.file):
            return True
        for start, end, selectors in self.ranges:
            if start <= line <= end and (
                selectors == ALL or any(catalogue.matches(s, rule) for s in selectors)
            ):
                return True
        return False


def _names(text: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[\s,]+", text.strip()) if part)


def _unknown(name: str, line: int) -> Problem:
    from postlint.draft import Problem

    hint = catalogue.closest_selector(name)
    return Problem(
        "unknown-rule",
        "unknown_hint" if hint else "unknown",
        line,
        fields={"name": name, "hint": hint or ""},
        suggestion=hint,
    )


def read_suppressions(draft: Draft) -> Suppressions:
    result = Suppressions()
    ignore = draft.file_settings.get("ignore") or []
    ignore = [ignore] if isinstance(ignore, str) else ignore
    for i, name in enumerate(ignore):
        if not isinstance(name, str):
            continue
        if catalogue.is_selector(name):
            result.file.append(name)
        else:
            result.problems.append(_unknown(name, draft.front_line(("postlint", "ignore", i))))
    open_blocks: list[tuple[int, tuple[str, ...]]] = []
    for line, end_line, inner in draft.comments:
        m = _DIRECTIVE.match(inner)
        if not m:
            continue
        kind, names = m.group(1), _names(m.group(2))
        for name in names:
            if not catalogue.is_selector(name):
                result.problems.append(_unknown(name, line))
        known = tuple(n for n in names if catalogue.is_selector(n))
        if names and not known:
            continue
        selectors = known or ALL
        if kind == "disable-next-line":
            result.ranges.append((end_line + 1, end_line + 1, selectors))
        elif kind == "disable":
            open_blocks.append((line, selectors))
        else:  # enable
            still_open = []
            for start, block in open_blocks:
                if selectors == ALL or block == ALL or set(block) <= set(selectors):
                    result.ranges.append((start, line, block))
                else:
                    still_open.append((start, block))
            open_blocks = still_open
    result.ranges.extend((start, float("inf"), block) for start, block in open_blocks)
    return result
