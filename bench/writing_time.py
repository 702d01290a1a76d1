"""What the writing rules (engagement, engagement-bait, tone, wording) cost per draft, honestly.

    python bench/writing_time.py [--count 10000]

bench/rules_time.py times each rule over drafts whose shared work (language detection, the spaCy
Doc) was already done by the untimed first pass. Here every draft is read fresh (not timed) and the
four rules run on it together, so the language detection and the Doc they need are paid for, as in
a real run; the pipelines, word lists and lexicons are loaded first on 100 other drafts (the issue's
"after the pipeline is loaded"). Prints µs per draft.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

import make_corpus
from run import ensure_corpus, machine

from postlint import catalogue, config, engine
from postlint.draft import read_draft

WRITING = ("engagement", "engagement-bait", "tone", "wording")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--corpus", default=make_corpus.DEFAULT_OUT)
    args = parser.parse_args(argv)
    ensure_corpus(args.corpus, args.count, 2026)
    settings = config.load_settings(args.corpus / "postlint.yaml")
    rules = [catalogue.get(name) for name in WRITING]
    functions = [getattr(importlib.import_module(f"postlint.checks.{r.check}"), r.function) for r in rules]
    files = sorted((args.corpus / "drafts").rglob("*.md"))

    def run(draft) -> None:
        for rule, function in zip(rules, functions, strict=True):
            list(function(draft, engine.RuleContext(rule, settings, "fr", draft)))

    warm, timed = files[:100], files[100:]
    for file in warm:
        draft = read_draft(file, str(file))
        if draft.readable and draft.text:
            run(draft)
    total, count = 0.0, 0
    for file in timed:
        draft = read_draft(file, str(file))
        if not (draft.readable and draft.text):
            continue
        start = time.perf_counter()
        run(draft)
        total += time.perf_counter() - start
        count += 1
    print(f"{count:,} fresh drafts; engagement, engagement-bait, tone and wording together, "
          f"language detection and spaCy Doc included: {total / count * 1e6:.0f} µs per draft")
    print(f"Machine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
