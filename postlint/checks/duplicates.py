"""The same post everywhere: near-identical text across drafts for different platforms.

A check across drafts (postlint/corpus.py). The drafts' MinHash signatures (postlint/similarity.py)
are indexed once; each draft reported on looks up its near-identical neighbours, so the work grows
with the number of drafts, not its square. When only a few drafts are reported on (pre-commit's),
each is compared with all the others at once instead, without building the index.
"""

from __future__ import annotations

from collections.abc import Iterator

from postlint import platforms
from postlint.facts import DraftFacts
from postlint.findings import Finding


def cross_platform_duplicate(drafts: list[DraftFacts], ctx) -> Iterator[Finding]:
    """One text on several platforms: a draft sent unchanged to several platforms, or drafts for
    different platforms whose texts are near-identical (at least `similarity` of their three-word
    shingles in common).

    Guide: "Choisir ses plateformes", second tip: each platform has its own codes and audience, so
    the same content should not go out everywhere unchanged.
    """
    from postlint.similarity import neighbours as finder

    threshold = float(ctx.params.get("similarity", 0.8))
    min_words = int(ctx.params.get("min_words", 8))
    listed = int(ctx.params.get("listed", 3))
    for draft in drafts:
        if ctx.reports_on(draft) and len(draft.platforms) > 1 and draft.words >= min_words:
            yield ctx.report(
                draft, "same_draft", draft.platform_line, n=len(draft.platforms), platforms=_names(draft)
            )
    signatures = [d.signature if d.words >= min_words else None for d in drafts]
    asked = sum(1 for d in drafts if ctx.reports_on(d))
    if not asked or len(drafts) < 2:
        return
    neighbours = finder(signatures, threshold, asked)
    for index, draft in enumerate(drafts):
        if not ctx.reports_on(draft) or signatures[index] is None:
            continue
        others = []
        best = 0.0
        own = set(draft.platforms)
        for other, similarity in neighbours.of(index):
            theirs = set(drafts[other].platforms)
            if not theirs or theirs == own:
                continue  # the same platforms: a repeat, not the same post everywhere
            others.append(drafts[other])
            best = max(best, similarity)
            if len(others) > listed:
                break
        if not others:
            continue
        shown = ", ".join(f"{ctx.name(d)} ({_names(d)})" for d in others[:listed])
        more = len(others) > listed
        yield ctx.report(
            draft,
            "near_more" if more else "near",
            draft.body_line,
            n=min(len(others), listed),
            others=shown,
            percent=round(100 * best),
        )


def _names(draft: DraftFacts) -> str:
    return ", ".join(platforms.display_name(p) for p in draft.platforms)
