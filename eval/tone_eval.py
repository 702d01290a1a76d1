"""Measure the tone rule (PL310) on real labelled tweets, exactly as the rule judges a draft.

    python eval/tone_eval.py [--data ../shared/dev-data/tone] [--threshold 0.2] [--sweep]

The data lives outside the repository and is read, never copied:
- fr_deft2017_train_val.tsv: French tweets (DEFT 2017, train and validation splits), labelled
  negative, neutral or positive (columns label, text, split);
- en_vader_tweets_groundtruth.tsv: English tweets rated by 20+ people (Hutto & Gilbert, ICWSM
  2014; vaderSentiment, MIT), columns label, text, mean_rating, source_id.
Each text goes through its language's spaCy pipeline (nlp.pipeline(lang, lemmas=True), what
nlp.draft_doc builds for a draft) and `postlint.checks.tone.score`, the rule's own function, and
counts as reported when its negativity is above the rule's shipped threshold (rules/tone.yaml), as
the rule decides. Prints the negative class's precision and recall per language (and per split)
beside a baseline on the same data: for French the figure of ../shared/dev-data/README.md
(vaderSentiment-fr 1.3.4, compound <= -0.05); for English vaderSentiment itself, run here with the
same rule. Exits 0 and says so when the data is absent.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "dev-data" / "tone"
FILES = {"fr": "fr_deft2017_train_val.tsv", "en": "en_vader_tweets_groundtruth.tsv"}
FRENCH_BASELINE = ("vaderSentiment-fr 1.3.4", 0.67, 0.57)  # ../shared/dev-data/README.md
TARGET_PRECISION, TARGET_RECALL = 0.80, 0.50
SWEEP = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def read_rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")  # never splitlines(): texts hold U+2028
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def negativities(rows: list[dict[str, str]], lang: str) -> tuple[list[float], float, float]:
    """Each text's negativity as the rule computes it; mean seconds per text with the Doc built,
    and for the scoring alone (the Doc is shared by all the rules of a draft)."""
    from postlint import nlp
    from postlint.checks import tone

    pipe = nlp.pipeline(lang, lemmas=True)
    tone.score(pipe("ok"), lang)  # load the pipeline and the lexicon before timing
    start = time.perf_counter()
    docs = [pipe(row["text"]) for row in rows]
    built = time.perf_counter()
    found = [tone.score(doc, lang, row["text"]).negativity for doc, row in zip(docs, rows, strict=True)]
    done = time.perf_counter()
    count = max(1, len(rows))
    return found, (done - start) / count, (done - built) / count


def wilson(hits: int, count: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion: how far a small split's figure can wander."""
    if not count:
        return 0.0, 0.0
    p = hits / count
    centre = (p + z * z / (2 * count)) / (1 + z * z / count)
    half = z * math.sqrt(p * (1 - p) / count + z * z / (4 * count * count)) / (1 + z * z / count)
    return centre - half, centre + half


def precision_recall(labels: list[str], reported: list[bool]) -> tuple[float, float, int]:
    hits = sum(1 for label, r in zip(labels, reported, strict=True) if r and label == "negative")
    count = sum(reported)
    negatives = labels.count("negative")
    return (hits / count if count else 0.0), (hits / negatives if negatives else 0.0), count


def english_baseline(rows: list[dict[str, str]]) -> str:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    reported = [analyzer.polarity_scores(row["text"])["compound"] <= -0.05 for row in rows]
    precision, recall, _ = precision_recall([row["label"] for row in rows], reported)
    return f"vaderSentiment 3.3 (compound <= -0.05): precision {precision:.0%}, recall {recall:.0%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--threshold", type=float, help="instead of the shipped threshold")
    parser.add_argument("--sweep", action="store_true", help="also print other thresholds")
    args = parser.parse_args(argv)
    present = {lang: args.data / name for lang, name in FILES.items() if (args.data / name).is_file()}
    if not present:
        print(f"no tone data in {args.data}: nothing to measure")
        return 0

    from postlint import catalogue

    shipped = float(catalogue.get("tone").params["threshold"])
    threshold = shipped if args.threshold is None else args.threshold
    which = "the shipped threshold" if threshold == shipped else f"shipped: {shipped:g}"
    print(f"tone (PL310), negative class: reported when negativity > {threshold:g} ({which})")
    print(f"target: precision >= {TARGET_PRECISION:.0%} with recall >= {TARGET_RECALL:.0%}\n")
    columns = f"{'lang':<6}{'subset':<8}{'texts':>6}{'neg':>6}{'reported':>9}{'precision':>10}{'recall':>8}"
    print(f"{columns}  precision 95% CI   baseline on the same texts")
    print("-" * (len(columns) + 80))
    sweeps, costs = [], []
    for lang, path in present.items():
        rows = read_rows(path)
        scores, with_doc, alone = negativities(rows, lang)
        costs.append(f"{lang}: {with_doc * 1e6:.0f} µs a text with its Doc, {alone * 1e6:.0f} µs to score")
        subsets = [("all", None)]
        if "split" in rows[0]:
            subsets += [(name, name) for name in sorted({row["split"] for row in rows})]
        for name, split in subsets:
            keep = [i for i, row in enumerate(rows) if split is None or row.get("split") == split]
            labels = [rows[i]["label"] for i in keep]
            precision, recall, count = precision_recall(labels, [scores[i] > threshold for i in keep])
            low, high = wilson(round(precision * count), count)
            base = ""
            if name == "all" and lang == "fr":
                base = "{}: precision {:.0%}, recall {:.0%}".format(*FRENCH_BASELINE)
            elif name == "all":
                base = english_baseline(rows)
            print(
                f"{lang:<6}{name:<8}{len(keep):>6}{labels.count('negative'):>6}{count:>9}"
                f"{precision:>10.1%}{recall:>8.1%}  {f'{low:.0%} to {high:.0%}':<17}{base}"
            )
        if args.sweep:
            labels = [row["label"] for row in rows]
            cells = []
            for t in SWEEP:
                p, r, _ = precision_recall(labels, [s > t for s in scores])
                cells.append(f"{t:g}: {p:.0%}/{r:.0%}")
            sweeps.append(f"{lang}  " + "  ".join(cells))
    print("\ncost: " + "; ".join(costs))
    if sweeps:
        print("\nprecision/recall by threshold (all texts):")
        print("\n".join(sweeps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
