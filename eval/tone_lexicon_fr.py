"""Build the French tone lexicon, rules/lexicons/fr/tone-words.txt, from its two open sources.

    mkdir /tmp/tone-sources && cd /tmp/tone-sources
    pip download --no-deps vaderSentiment-fr==1.3.4 textblob-fr==0.2.0
    python eval/tone_lexicon_fr.py /tmp/tone-sources

Only the packages' data files are read, straight from the downloaded archives: nothing is installed
(vaderSentiment-fr depends on a GPL library; postlint takes its word list, MIT, not its code).

- vaderSentiment-fr 1.3.4 (MIT, (c) 2016 C.J. Hutto; French translation of the VADER lexicon by
  7LieuesTechnologies): `fr_lexicon.txt`, word -> valence from -4 to +4. Its words, not its
  emoticons (rules/lexicons/fr/tone.yaml has those).
- textblob-fr 0.2.0: `fr-sentiment.xml`, the Pattern French adjective lexicon by Tom De Smedt and
  Walter Daelemans (PDDL), polarity from -1 to +1. Used to veto a vaderSentiment-fr word whose sign
  it contradicts, and for adjectives chosen one by one in the curation file.

Every inflected form is grouped under its lookup lemma (postlint.nlp.lemma, spacy-lookups-data: the
lemmas the rule matches on), with the median of its forms' scores. Then
eval/tone-lexicon-fr-curation.txt sets or drops lemmas (reviewed by hand, most frequent first), and
what it does not name is kept only when it is clear: a score of at least 1 either way, all forms of
one sign, and textblob-fr not saying the opposite. No NRC- or FEEL-derived data (their licences
forbid commercial use).
"""

from __future__ import annotations

import re
import statistics
import sys
import tarfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
CURATION = Path(__file__).resolve().parent / "tone-lexicon-fr-curation.txt"
OUTPUT = ROOT / "rules" / "lexicons" / "fr" / "tone-words.txt"
WORD = re.compile(r"^[^\W\d_]+(?:[-' ][^\W\d_]+)*$")
MIN_UNREVIEWED = 1.0

HEADER = """\
# French words and their tone, for the tone rule (PL310): one entry per line,
#   word-or-lemma <TAB> score <TAB> source
# scores on VADER's scale (-4 very negative ... +4 very positive). The rule matches a word by its
# lower-cased form, then by its lookup lemma (spacy-lookups-data), so one lemma covers its forms.
# A key with spaces is a phrase, matched on consecutive words. A score of 0 marks a form that is
# not its lemma's word ("privée" is not "priver"): neither scored nor read as its lemma.
#
# Sources and licences:
#  vader-fr     vaderSentiment-fr 1.3.4, fr_lexicon.txt: MIT License, Copyright (c) 2016 C.J. Hutto
#               (French translation of the VADER lexicon; Hutto & Gilbert, ICWSM 2014). Grouped by
#               lemma (median of the forms' scores).
#  textblob-fr  textblob-fr 0.2.0, fr-sentiment.xml: the Pattern French adjective lexicon,
#               Tom De Smedt and Walter Daelemans, Public Domain Dedication and License (PDDL 1.0).
#               Polarity x 3, adjectives chosen one by one.
#  postlint     a score set by postlint (MIT, see LICENSE): a source's score corrected by hand, or
#               a word of postlint's own selection (indignation, Quebec usage, community words).
# Built by eval/tone_lexicon_fr.py from the sources and eval/tone-lexicon-fr-curation.txt (which
# says what was changed and why). No NRC- or FEEL-derived data.
"""


def _member(archive: Path, suffix: str) -> str:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as zf:
            name = next(n for n in zf.namelist() if n.endswith(suffix))
            return zf.read(name).decode("utf-8")
    with tarfile.open(archive) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith(suffix))
        return tf.extractfile(member).read().decode("utf-8")


def read_vader_fr(archive: Path) -> dict[str, float]:
    words = {}
    for line in _member(archive, "vaderSentiment_fr/fr_lexicon.txt").split("\n"):
        word, sep, score = line.strip().rpartition("->")
        if sep and WORD.match(word):
            words[word.lower()] = float(score)
    return words


def read_textblob_fr(archive: Path) -> dict[str, float]:
    root = ElementTree.fromstring(_member(archive, "textblob_fr/fr-sentiment.xml"))
    found: dict[str, list[float]] = {}
    for entry in root.iter("word"):
        found.setdefault(entry.get("form").lower(), []).append(float(entry.get("polarity")))
    return {word: sum(p) / len(p) for word, p in found.items()}


def read_curation(path: Path = CURATION) -> tuple[dict[str, float | None], set[str]]:
    """lemma -> score (None: drop), and the lemmas of the textblob-fr section."""
    entries: dict[str, float | None] = {}
    chosen: set[str] = set()
    section = ""
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("["):
            section = line
            continue
        for item in line.split(","):
            item = item.strip()
            if not item:
                continue
            lemma, _, value = item.rpartition(" ")
            entries[lemma.strip()] = None if value == "drop" else float(value)
            if "textblob" in section:
                chosen.add(lemma.strip())
    return entries, chosen


def build(sources: Path) -> list[tuple[str, float, str]]:
    from postlint import nlp

    vader = read_vader_fr(next(sources.glob("vaderSentiment_fr-*.tar.gz")))
    textblob = read_textblob_fr(next(sources.glob("textblob_fr-*.whl")))
    curation, chosen = read_curation()
    groups: dict[str, list[float]] = {}
    for word, score in vader.items():
        groups.setdefault(nlp.lemma(word, "fr"), []).append(score)
    textblob_by_lemma: dict[str, list[float]] = {}
    for word, polarity in textblob.items():
        textblob_by_lemma.setdefault(nlp.lemma(word, "fr"), []).append(polarity)
    entries = []
    for lemma, scores in groups.items():
        if lemma in curation:
            continue
        median = statistics.median(scores)
        polarity = textblob_by_lemma.get(lemma)
        if abs(median) < MIN_UNREVIEWED or min(scores) < 0 < max(scores):
            continue
        if polarity and statistics.mean(polarity) * median < 0:
            continue
        entries.append((lemma, round(median, 1), "vader-fr"))
    for lemma, value in curation.items():
        if value is None:
            continue
        source = "postlint"
        if lemma in chosen:
            source = "textblob-fr"
        elif lemma in groups and round(statistics.median(groups[lemma]), 1) == value:
            source = "vader-fr"
        entries.append((lemma, value, source))
    entries.sort(key=lambda e: e[0])
    return entries


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    entries = build(Path(args[0]))
    lines = [HEADER.rstrip("\n")]
    lines += [f"{word}\t{score:g}\t{source}" for word, score, source in entries]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(entries)} entries written to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
