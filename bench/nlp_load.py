"""What the language foundation costs: loading (fresh processes) and per draft (in process).

    python bench/nlp_load.py [--runs 5]

Each loading step is a new `python` process, timed from start to exit (median of --runs after a
warm-up), so imports count. Per-draft figures run the detector and the pipelines over the bench
corpus's French and English texts in one process. The README quotes this table.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import make_corpus
from run import ensure_corpus, machine

STEPS = [
    ("`python -c pass`", "pass"),
    ("`import spacy`", "import spacy"),
    ("`spacy.blank('fr')` (spaCy's own French tokenizer)", "import spacy; spacy.blank('fr')"),
    ("`spacy.blank('en')`", "import spacy; spacy.blank('en')"),
    (
        "postlint's French and English tokenizers (spaCy's rules, kept; spaCy not imported)",
        "from postlint import nlp; nlp.tokenizer('fr'); nlp.tokenizer('en')",
    ),
    ("postlint French pipeline (fast tokenizer, sentences)", "from postlint import nlp; nlp.pipeline('fr')"),
    ("postlint French pipeline + lookup lemmas", "from postlint import nlp; nlp.pipeline('fr', True)"),
    ("postlint English pipeline + lookup lemmas", "from postlint import nlp; nlp.pipeline('en', True)"),
    (
        "postlint language detection, first answer (fr, en, ar)",
        "from postlint import nlp; nlp.detect('Bonjour à toutes et à tous, bienvenue !', ('ar', 'en', 'fr'))",
    ),
]


def time_process(code: str, runs: int) -> float:
    command = [sys.executable, "-c", code]
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_draft(texts: list[str]) -> list[tuple[str, float]]:
    from postlint import nlp

    candidates = ("ar", "en", "fr")
    rows = []
    nlp.detect(texts[0], candidates)
    start = time.perf_counter()
    for text in texts:
        nlp.detect(text, candidates)
    rows.append(("language detection", (time.perf_counter() - start) / len(texts)))
    for label, tokenizer in (("spaCy's", nlp.spacy_tokenizer), ("postlint's kept", nlp.tokenizer)):
        tokenize = tokenizer("fr")
        for text in texts[:200]:  # the kept tokenizer remembers the pieces of text it has seen
            nlp.tokens_of(tokenize(text), "fr", text)
        start = time.perf_counter()
        for text in texts:
            nlp.tokens_of(tokenize(text), "fr", text)
        rows.append(
            (
                f"French tokens as the rules read them, {label} tokenizer",
                (time.perf_counter() - start) / len(texts),
            )
        )
    for lang in ("fr", "en"):
        pipe = nlp.pipeline(lang, lemmas=True)
        start = time.perf_counter()
        for text in texts:
            pipe(text)
        rows.append((f"{lang} pipeline with lemmas", (time.perf_counter() - start) / len(texts)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drafts", type=int, default=2000)
    args = parser.parse_args(argv)
    print("| loading, in a fresh process | median (s) |\n|---|---:|")
    for label, code in STEPS:
        print(f"| {label} | {time_process(code, args.runs):.3f} |", flush=True)
    corpus = make_corpus.DEFAULT_OUT
    ensure_corpus(corpus, 10_000, 2026)
    from postlint.draft import read_draft

    files = sorted((corpus / "drafts").rglob("*.md"))[: args.drafts]
    texts = [d.text for d in (read_draft(f, str(f)) for f in files) if d.readable and d.text]
    print(f"\n| per draft ({len(texts):,} corpus drafts, in process) | µs | drafts/s |\n|---|---:|---:|")
    for label, seconds in per_draft(texts):
        print(f"| {label} | {seconds * 1e6:.0f} | {1 / seconds:,.0f} |")
    print(f"\nMachine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
