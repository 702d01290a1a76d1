"""The near-duplicate index's pair comparison on a large corpus: by slices, and all at once.

    python bench/near_pairs.py                 # bench/corpus-100k (built when missing)
    python bench/near_pairs.py --count 20000

Reads every draft of the corpus (as the engine does), takes the MinHash signature of each text of
the cross-platform-duplicate rule's `min_words` or more, and times
`similarity._similar_pairs` on the distinct signatures twice: with its slices of candidate pairs
(`_PAIRS_AT_ONCE`), then with one slice holding them all, as it was before. Prints the distinct
signatures and the similar pairs, and for each way its time and, in a second run, the memory it
allocated at its peak (numpy's arrays, through tracemalloc); checks that both give the same pairs.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from growth import corpus_from_command_line
from run import machine

from postlint import catalogue, similarity
from postlint.draft import read_draft

PARAMS = catalogue.get("cross-platform-duplicate").params  # the rule's defaults


def signatures(folder: Path) -> list[bytes]:
    found = []
    for path in sorted((folder / "drafts").rglob("*.md")):
        text = read_draft(path, str(path)).text
        if len(text.split()) >= int(PARAMS["min_words"]):
            signature = similarity.signature(text)
            if signature is not None:
                found.append(signature)
    return list(dict.fromkeys(found))  # the index compares distinct signatures


def timed(unique: list[bytes], at_once: int) -> tuple[tuple, float, int]:
    """The pairs, the seconds, and the peak memory allocated (a second run, traced: tracing slows
    the allocations down), comparing `at_once` candidate pairs at a time."""
    similarity._PAIRS_AT_ONCE = at_once
    start = time.perf_counter()
    pairs = similarity._similar_pairs(unique, float(PARAMS["similarity"]))
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    similarity._similar_pairs(unique, float(PARAMS["similarity"]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return pairs, elapsed, peak


def main(argv: list[str] | None = None) -> int:
    folder, count = corpus_from_command_line(__doc__, argv, count=100_000)
    unique = signatures(folder)
    sliced = similarity._PAIRS_AT_ONCE
    pairs, by_slices, peak_slices = timed(unique, sliced)
    same, at_once, peak_once = timed(unique, sys.maxsize)
    similarity._PAIRS_AT_ONCE = sliced
    print(f"{count:,} drafts, {len(unique):,} distinct signatures, {len(pairs[0]):,} similar pairs\n")
    print("| candidate pairs compared | seconds | peak memory allocated |")
    print("|---|---|---|")
    print(f"| {sliced:,} at a time | {by_slices:.2f} | {peak_slices / 2**20:,.0f} MiB |")
    print(f"| all at once | {at_once:.2f} | {peak_once / 2**20:,.0f} MiB |")
    print(f"\nSame pairs and similarities both ways: {'yes' if pairs == same else 'NO'}.")
    print(f"Machine: {machine()}.")
    return 0 if pairs == same else 1


if __name__ == "__main__":
    sys.exit(main())
