"""Time each rule's check function in-process, per draft, on the bench corpus.

    python bench/rules_time.py                 # 10,000 drafts, best of 3 passes per rule
    python bench/rules_time.py --count 2000 --passes 5

The drafts are read and parsed first (not timed), the way the engine hands them to the checks;
then every check function runs over every readable draft, once untimed (lazy imports, word lists,
compiled patterns) and --passes times timed. The figure per rule is the best pass divided by the
number of drafts, in microseconds; one-time loading is shown apart. Prints a Markdown table, with
the total of each practice (the `check` of the rules) and of the issue's platform rules.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

import make_corpus
from run import ensure_corpus, machine

from postlint import catalogue, config, engine, entities
from postlint.draft import read_draft

PLATFORM_CHECKS = ("image", "hashtags", "links", "fold", "accessibility")


def load_drafts(corpus: Path):
    settings = config.load_settings(corpus / "postlint.yaml")
    drafts = []
    for file in sorted((corpus / "drafts").rglob("*.md")):
        draft = read_draft(file, str(file))
        if draft.readable and draft.text:
            drafts.append(draft)
    return settings, drafts


def time_rule(rule, settings, drafts, passes: int) -> tuple[float, float]:
    """(one-time seconds, best seconds per pass) for one rule over all drafts."""
    function = getattr(importlib.import_module(f"postlint.checks.{rule.check}"), rule.function)
    contexts = [engine.RuleContext(rule, settings, "fr", draft) for draft in drafts]
    start = time.perf_counter()
    for draft, ctx in zip(drafts, contexts, strict=True):
        list(function(draft, ctx))
    first = time.perf_counter() - start
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for draft, ctx in zip(drafts, contexts, strict=True):
            list(function(draft, ctx))
        best = min(best, time.perf_counter() - start)
    return max(first - best, 0.0), best


def time_finders(drafts, passes: int) -> float:
    """µs per draft to find links, hashtags, mentions and emoji, as the drafts' first rule does.

    The checks above read them from the draft, where they are kept after the first pass, so their
    rows leave this shared cost out; it is measured here on its own, with nothing kept."""
    texts = [draft.text for draft in drafts]
    finders = (entities.urls, entities.hashtags, entities.mentions, entities.emoji)
    best = float("inf")
    for _ in range(passes):
        entities._urls.cache_clear()
        start = time.perf_counter()
        for text in texts:
            for finder in finders:
                finder(text)
        best = min(best, time.perf_counter() - start)
    return best / len(texts) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=make_corpus.DEFAULT_OUT)
    args = parser.parse_args(argv)
    ensure_corpus(args.corpus, args.count, args.seed)
    settings, drafts = load_drafts(args.corpus)
    rows, by_check = [], {}
    for rule in catalogue.rules().values():
        if rule.input or rule.corpus:  # corpus rules see every draft's facts, not a draft
            continue
        once, best = time_rule(rule, settings, drafts, args.passes)
        per_draft = best / len(drafts) * 1e6
        by_check[rule.check] = by_check.get(rule.check, 0.0) + per_draft
        rows.append((rule, per_draft, once))
    print(f"{len(drafts):,} readable drafts; best of {args.passes} passes; in-process, one core.\n")
    print("| rule | check | µs per draft | one-time load (ms) |")
    print("|---|---|---:|---:|")
    for rule, per_draft, once in rows:
        print(f"| {rule.code} {rule.name} | {rule.check} | {per_draft:.1f} | {once * 1e3:.0f} |")
    print()
    print("| practice | µs per draft |")
    print("|---|---:|")
    for check, total in by_check.items():
        print(f"| {check} | {total:.1f} |")
    finders = time_finders(drafts, args.passes)
    print(f"| shared finders (links, hashtags, mentions, emoji; once per draft) | {finders:.1f} |")
    platform_total = finders + sum(v for k, v in by_check.items() if k in PLATFORM_CHECKS)
    print(f"| **platform rules together** ({', '.join(PLATFORM_CHECKS)}) | **{platform_total:.1f}** |")
    print(f"\nMachine: {machine()}", file=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
