"""Compare postlint's emoji finder with the `emoji` package on the bench corpus: speed and counts.

    pip install emoji && python bench/emoji_compare.py

postlint finds emoji in one compiled pass (Unicode emoji properties, with an ASCII-only
pre-filter); the `emoji` package's `emoji_list` is the reference. Prints µs per draft for each and
how many drafts get a different count.
"""

from __future__ import annotations

import sys
import time

import make_corpus
from run import ensure_corpus, machine

from postlint import entities
from postlint.draft import read_draft


def per_draft(finder, texts) -> float:
    finder(texts[0])
    start = time.perf_counter()
    for text in texts:
        finder(text)
    return (time.perf_counter() - start) / len(texts) * 1e6


def main() -> int:
    try:
        import emoji
    except ImportError:
        print("this comparison needs the emoji package: pip install emoji", file=sys.stderr)
        return 2
    corpus = make_corpus.DEFAULT_OUT
    ensure_corpus(corpus, 10_000, 2026)
    drafts = (read_draft(file, str(file)) for file in sorted((corpus / "drafts").rglob("*.md")))
    texts = [draft.text for draft in drafts if draft.readable and draft.text]
    ours, theirs = per_draft(entities.emoji, texts), per_draft(emoji.emoji_list, texts)
    differ = sum(1 for text in texts if len(entities.emoji(text)) != len(emoji.emoji_list(text)))
    found = sum(len(entities.emoji(text)) for text in texts)
    print(f"| finder | µs per draft |\n|---|---:|\n| postlint entities.emoji | {ours:.1f} |")
    print(f"| emoji.emoji_list ({emoji.__version__}) | {theirs:.1f} |")
    print(f"\n{len(texts):,} drafts, {found:,} emoji; drafts with a different count: {differ}")
    print(f"Machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
