"""Measure postlint's language detection on real labelled texts, exactly as the rules use it.

    python eval/langid_eval.py [--data ../shared/dev-data/langid/lingua_testdata_7langs.tsv]

The data (lingua-py's test set: single words, word pairs and sentences in 7 languages; Apache-2.0)
lives outside the repository and is read, never copied. Each text goes through `nlp.detect` with the
data's 7 languages as candidates, as if a strategy file named them. An answer is correct, wrong, or
an abstention (the detector says nothing: too short or unsure). Prints one row per kind of text.
Exits 0 and says so when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "dev-data" / "langid" / "lingua_testdata_7langs.tsv"
KINDS = ("sentence", "word_pair", "single_word")


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    lines = path.read_text(encoding="utf-8").split("\n")  # never splitlines(): texts hold U+2028
    header = lines[0].split("\t")
    for line in lines[1:]:
        if not line:
            continue
        fields = dict(zip(header, line.split("\t"), strict=False))
        rows.append((fields["lang"], fields["kind"], fields["text"]))
    return rows


def evaluate(rows, letters_only: bool = False) -> dict[str, Counter]:
    from postlint import nlp

    candidates = nlp.candidates_for(sorted({lang for lang, _kind, _text in rows}))
    conf = nlp.settings()
    results: dict[str, Counter] = {}
    for lang, kind, text in rows:
        if letters_only:  # langdetect alone, at its own threshold, for comparison
            words = nlp.clean(text)
            guess = nlp._letters_guess(candidates, words) if words else None
            ok = guess and guess[1] >= conf["letters_min_probability"]
            found = guess[0] if ok else None
        else:  # exactly what the rules use
            main = nlp.detect(text, candidates).main
            found = main.lang if main else None
        outcome = "abstain" if found is None else ("correct" if found == lang else "wrong")
        results.setdefault(kind, Counter())[outcome] += 1
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument(
        "--letters-only", action="store_true", help="langdetect alone (no word lists), to compare"
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"no evaluation data at {args.data}: skipped")
        return 0
    rows = read_rows(args.data)
    start = time.perf_counter()
    results = evaluate(rows, args.letters_only)
    seconds = time.perf_counter() - start
    judge = "langdetect alone" if args.letters_only else "postlint's detector, as the rules use it"
    print(f"{judge}: {len(rows):,} texts, {seconds / len(rows) * 1e3:.2f} ms each\n")
    print("| text | n | correct | wrong | abstained |")
    print("|---|---:|---:|---:|---:|")
    order = [k for k in KINDS if k in results] + sorted(set(results) - set(KINDS))
    for kind in order:
        counts = results[kind]
        n = sum(counts.values())
        cells = [f"{counts[o] / n:.2%}" for o in ("correct", "wrong", "abstain")]
        print(f"| {kind} | {n:,} | {' | '.join(cells)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
