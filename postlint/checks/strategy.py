"""The strategy across drafts: objectives, the share of fundraising, the platforms chosen.

Checks across drafts: each takes the facts of every draft of the content folder and a
CorpusContext (postlint/corpus.py), and reports only on the drafts passed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from postlint import platforms
from postlint.facts import DraftFacts
from postlint.findings import Finding


def _objectives(ctx) -> dict[str, dict]:
    return {str(o.get("id")): o for o in ctx.settings.objectives if isinstance(o, dict) and o.get("id")}


def objective(drafts: list[DraftFacts], ctx) -> Iterator[Finding]:
    """Each draft names one of the strategy's objectives; the objectives are not all fundraising.

    Guide: "Définir ses objectifs" (social-media goals serve the organisation's objectives) and
    "Pièges à éviter" (a strategy whose every goal is fundraising). Quiet when the strategy file
    lists no objectives: there is nothing to check against.
    """
    known = _objectives(ctx)
    if not known:
        return
    if all(o.get("fundraising") for o in known.values()):
        yield ctx.report_strategy("all_fundraising", "objectives", n=len(known))
    choices = ", ".join(known)
    for draft in drafts:
        if not ctx.reports_on(draft):
            continue
        if draft.objective is None:
            yield ctx.report(draft, "missing", draft.body_line, choices=choices)
        elif draft.objective not in known:
            close = difflib.get_close_matches(draft.objective, list(known), n=1, cutoff=0.6)
            key = "unknown_hint" if close else "unknown"
            hint = close[0] if close else None
            yield ctx.report(
                draft,
                key,
                draft.objective_line,
                severity="error",
                suggestion=hint,
                value=draft.objective,
                hint=hint or "",
                choices=choices,
            )


def is_fundraising(draft: DraftFacts, objectives: dict[str, dict]) -> bool:
    """The draft asks for money, or serves an objective marked `fundraising: true`."""
    goal = objectives.get(draft.objective or "")
    return draft.money or bool(goal and goal.get("fundraising"))


def fundraising_share(drafts: list[DraftFacts], ctx) -> Iterator[Finding]:
    """The share of drafts that ask for money stays under the strategy's limit (one in three by
    default): a warning on each fundraising draft, listing the others.

    Guide: "Pièges à éviter" (all goals about fundraising) and "Définir ses objectifs". Counts
    the drafts whose text asks for money (the fundraising-ask detector) or whose objective is marked
    `fundraising: true`. Needs at least `min_drafts` drafts to judge a share.
    """
    share = float(ctx.params.get("share", 1 / 3))
    if len(drafts) < int(ctx.params.get("min_drafts", 6)):
        return
    objectives = _objectives(ctx)
    asking = [d for d in drafts if is_fundraising(d, objectives)]
    if len(asking) / len(drafts) <= share:
        return
    percent = round(100 * len(asking) / len(drafts))
    limit = round(100 * share)
    shown = int(ctx.params.get("listed", 5))
    for draft in asking:
        if not ctx.reports_on(draft):
            continue
        others = [ctx.name(d) for d in asking if d is not draft]
        listed = ", ".join(others[:shown]) + (f" (+{len(others) - shown})" if len(others) > shown else "")
        line = draft.objective_line if draft.objective and not draft.money else draft.body_line
        yield ctx.report(
            draft, "over", line, n=len(asking), total=len(drafts), percent=percent, limit=limit, others=listed
        )


def platform_strategy(drafts: list[DraftFacts], ctx) -> Iterator[Finding]:
    """A draft for a platform the strategy did not choose (`platforms:` in the strategy file).

    Guide: "Choisir ses plateformes" (fewer platforms, done well). Quiet without a strategy file or
    when it lists no platforms.
    """
    if ctx.settings.path is None or "platforms" not in ctx.settings.raw:
        return
    chosen = {platforms.resolve(p) or p for p in ctx.settings.platforms}
    names = ", ".join(platforms.display_name(p) for p in ctx.settings.platforms)
    for draft in drafts:
        if not ctx.reports_on(draft):
            continue
        for platform in draft.platforms:
            if platform not in chosen:
                yield ctx.report(
                    draft,
                    "outside",
                    draft.platform_line,
                    platform=platforms.display_name(platform),
                    chosen=names,
                )
