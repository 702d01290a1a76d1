"""The planned calendar against the guide's posting frequency per platform.

A check across drafts (postlint/corpus.py) on the dated drafts (`date:` in the front matter).
Info only: a calendar is a plan, not a verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from postlint import platforms
from postlint.facts import DraftFacts
from postlint.findings import Finding


def cadence(drafts: list[DraftFacts], ctx) -> Iterator[Finding]:
    """Bursts and gaps in the planned calendar of each platform.

    Guide: "Choisir ses plateformes": Facebook 1 to 2 posts a day, X 3 or more, LinkedIn 1,
    Instagram 1 (rules/platforms.yaml, `cadence`). A burst: more posts on one day than the
    platform's maximum (an info on each post beyond it). A gap: `gap_days` days or more without a
    post between two planned posts of a platform that the guide wants every day (an info on the
    post after the gap).
    """
    gap_days = int(ctx.params.get("gap_days", 3))
    by_platform: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    for draft in drafts:
        day = draft.day
        if day is None:
            continue
        for platform in draft.platforms:
            by_platform[platform][day].append(draft)
    for platform in sorted(by_platform):
        facts = platforms.facts(platform, "cadence")
        if not facts:
            continue
        name = platforms.display_name(platform)
        advice = _advice(facts, ctx)
        days = by_platform[platform]
        most = facts.get("max_per_day")
        for day in sorted(days):
            planned = sorted(days[day], key=lambda d: (d.date or "", d.file))
            if most is not None and len(planned) > most:
                for draft in planned[most:]:
                    if ctx.reports_on(draft):
                        yield ctx.report(
                            draft,
                            "burst",
                            draft.date_line,
                            n=len(planned),
                            platform=name,
                            day=day.isoformat(),
                            advice=advice,
                        )
        if not facts.get("min_per_day"):
            continue
        ordered = sorted(days)
        for before, after in zip(ordered, ordered[1:], strict=False):
            empty = (after - before).days - 1
            if empty >= gap_days:
                for draft in sorted(days[after], key=lambda d: (d.date or "", d.file))[:1]:
                    if ctx.reports_on(draft):
                        yield ctx.report(
                            draft,
                            "gap",
                            draft.date_line,
                            n=empty,
                            platform=name,
                            since=before.isoformat(),
                            advice=advice,
                        )


def _advice(facts: dict, ctx) -> str:
    low, high = facts.get("min_per_day"), facts.get("max_per_day")
    if low and high and low != high:
        return ctx.msg("range", low=low, high=high)
    if low and high:
        return ctx.msg("exactly", n=low)
    return ctx.msg("at_least", n=low)
