"""What the checks across drafts need to know of one draft, kept small so that it travels.

A draft's facts are read once, beside its own checks (in a worker process when there are several),
and are all that the corpus checks (objective share, duplicates, cadence) and the report see: they
never hold the draft itself. Everything here pickles, and nothing loads a model: the language is
the declared one, or the detected one only when the draft's own rules already detected it (or the
caller asks for it, as the report does).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postlint.draft import Draft

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?")


@dataclass(slots=True)
class DraftFacts:
    """One draft, as the checks across drafts see it. Lines are 1-based lines of the file."""

    path: str  # as shown in findings
    file: str  # absolute, to tell the drafts passed from the context drafts
    root: str  # the folder of the strategy file the draft is checked under
    readable: bool = True  # False: nothing below is known
    platforms: tuple[str, ...] = ()
    platform_line: int = 1
    personas: tuple[str, ...] = ()
    objective: str | None = None
    objective_line: int = 1
    date: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"
    date_line: int = 1
    lang: str | None = None
    money: bool = False  # asks for money (the fundraising-ask detector)
    volunteers: bool = False  # asks for volunteers
    body_line: int = 1
    words: int = 0
    signature: bytes | None = None  # MinHash of the text's shingles (postlint.similarity)
    findings: dict[str, int] = field(default_factory=dict)  # severity -> count, filled by the engine
    suppressions: object = None  # the draft's postlint-disable comments and ignore list

    @property
    def day(self) -> _dt.date | None:
        """The planned day, when the draft has a valid date."""
        found = _DATE.match(self.date or "")
        if not found:
            return None
        try:
            return _dt.date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return None


def unreadable(path: str, file: str, root: str) -> DraftFacts:
    return DraftFacts(path=path, file=file, root=root, readable=False)


def facts_of(
    draft: Draft, root: str, settings=None, detect_language: bool = False, absolute: str | None = None
) -> DraftFacts:
    """The facts of a read draft (`root`: its strategy file's folder; `absolute`: the file's
    absolute path, when the caller knows it already)."""
    from postlint.checks.fundraising import asks
    from postlint.similarity import signature

    front = draft.front if isinstance(draft.front, dict) else {}
    file = absolute or os.path.abspath(draft.file)
    facts = DraftFacts(path=draft.path, file=file, root=root, readable=draft.readable)
    if not draft.readable:
        return facts
    facts.platforms = tuple(draft.platforms)
    for key in ("platform", "platforms"):
        if key in front:
            facts.platform_line = draft.front_line((key,))
            break
    facts.personas = tuple(draft.personas)
    objective = front.get("objective")
    if isinstance(objective, str) and objective.strip():
        facts.objective = objective.strip()
        facts.objective_line = draft.front_line(("objective",))
    date = front.get("date")
    if isinstance(date, _dt.datetime):
        date = date.strftime("%Y-%m-%d %H:%M")
    elif isinstance(date, _dt.date):
        date = date.isoformat()
    if isinstance(date, str) and _DATE.match(date.strip()):
        facts.date = date.strip()
        facts.date_line = draft.front_line(("date",))
    facts.lang = _language(draft, front, settings, detect_language)
    facts.body_line = draft.body_line
    text = draft.text or ""
    facts.words = len(text.split())
    if text.strip():
        kinds = {ask.kind for ask in asks(draft, settings)}
        facts.money, facts.volunteers = "money" in kinds, "volunteers" in kinds
        facts.signature = signature(text)
    return facts


def _language(draft: Draft, front: dict, settings, detect: bool) -> str | None:
    """The detected language when the draft's rules detected it already (or `detect`), else the
    declared one."""
    if (draft.text or "").strip() and (detect or draft.__dict__.get("_postlint_languages")):
        from postlint import nlp

        return nlp.draft_language(draft, settings)
    declared = front.get("lang")
    return declared.strip().lower() if isinstance(declared, str) and declared.strip() else None
