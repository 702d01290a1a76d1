"""Build a realistic, deterministic corpus of drafts for benchmarking postlint.

    python bench/make_corpus.py                        # 10,000 drafts in bench/corpus/
    python bench/make_corpus.py --count 500 --out /tmp/corpus --seed 7

The same count and seed give byte-identical files. The drafts are composed from the fragments in
bench/fragments.py (French, English, a few bilingual), for every platform of rules/platforms.yaml
(sometimes by an alias), with the front-matter varieties of a real team (platform or platforms,
persona or audience, objective, image and alt, date, lang), a share of long posts, links, emoji,
hashtags, mentions, Markdown, some CRLF files and a few broken drafts. A postlint.yaml built on the
guide's three personas sits at the top of the corpus, and corpus.json records how it was made.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

import fragments
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "corpus"
MANIFEST = "corpus.json"
VERSION = 1  # bump when the generator changes, so that run.py rebuilds an old corpus

PERSONAS = ["melanie", "lina", "pascha"]
OBJECTIVES = ["comprendre", "mobiliser", "benevoles", "dons"]
THEMES = ["housing", "food", "volunteer", "event", "donation", "life"]
OBJECTIVE_OF_THEME = {
    "housing": "comprendre",
    "food": "comprendre",
    "volunteer": "benevoles",
    "event": "mobiliser",
    "donation": "dons",
    "life": "comprendre",
}
# How often each platform is the target: a community group posts mostly on Facebook and Instagram.
PLATFORM_WEIGHTS = {
    "facebook": 30,
    "instagram": 18,
    "x": 12,
    "linkedin": 8,
    "mastodon": 6,
    "bluesky": 8,
    "threads": 4,
    "pinterest": 2,
    "tiktok": 4,
    "youtube": 3,
    "snapchat": 1,
}
# Typical length of a post, in sentences, by platform (short, usual, long).
SENTENCES = {
    "x": (1, 3, 8),
    "bluesky": (1, 3, 8),
    "mastodon": (2, 4, 10),
    "threads": (2, 4, 10),
    "snapchat": (1, 1, 3),
    "facebook": (1, 4, 14),
    "instagram": (2, 5, 16),
    "linkedin": (3, 6, 22),
    "pinterest": (1, 3, 8),
    "tiktok": (1, 3, 10),
    "youtube": (3, 6, 24),
}

STRATEGY = """\
# Strategy file of the benchmark corpus: a fictional housing committee, built on the three personas
# of the guide "Réseauter pour transformer" ("Comprendre son public").
organization: Comité logement Rosemont
language: fr
platforms: [facebook, instagram, x, linkedin, mastodon, bluesky, threads, tiktok, youtube]
objectives:
  - id: comprendre
    label: Faire comprendre notre travail
  - id: mobiliser
    label: Mobiliser les locataires du quartier
  - id: benevoles
    label: Recruter des bénévoles
  - id: dons
    label: Financer nos activités
    fundraising: true
personas:
  melanie:
    name: Mélanie la Militante
    role: bénévole actuelle
    age: 26
    languages: [fr]
    platforms: [x, facebook, instagram]
  lina:
    name: Lina la Locataire
    role: membre, locataire
    age: 65
    languages: [fr]
    platforms: [facebook, email]
  pascha:
    name: Pascha la Professionnelle
    role: bénévole potentielle
    age: 35
    languages: [fr, en, ar]
    platforms: [facebook, linkedin, email]
partners:
  - name: Centraide
    handles: {x: "@CentraideMtl", facebook: "@centraide", instagram: "@centraide"}
    domains: [centraide.org]
  - name: Accorderie de Rosemont
    aliases: [Accorderie]
    handles: {facebook: "@accorderierosemont"}
platform_settings:
  mastodon: {limit: 500}
exclude:
  - "archive/**"
fail_on: warning
"""


def load_platforms() -> dict[str, list[str]]:
    """Platform ids and their aliases, from postlint's own rules/platforms.yaml."""
    data = yaml.safe_load((ROOT / "rules" / "platforms.yaml").read_text(encoding="utf-8"))
    return {pid: list(entry.get("aliases") or []) for pid, entry in data["platforms"].items()}


class Writer:
    """Composes one draft at a time from a seeded random generator."""

    def __init__(self, rng: random.Random, platforms: dict[str, list[str]]):
        self.rng = rng
        self.platforms = platforms
        known = [p for p in PLATFORM_WEIGHTS if p in platforms] + [
            p for p in platforms if p not in PLATFORM_WEIGHTS
        ]
        self.platform_ids = known
        self.platform_weights = [PLATFORM_WEIGHTS.get(p, 2) for p in known]

    # -- text ---------------------------------------------------------------------------------

    def fill(self, sentence: str, lang: str) -> str:
        rng = self.rng
        table = fragments.FILL[lang]
        values = {
            "day": rng.choice(table["day"]),
            "time": rng.choice(table["time"]),
            "place": rng.choice(table["place"]),
            "month": rng.choice(table["month"]),
            "street": rng.choice(fragments.FILL["street"]),
            "partner": rng.choice(fragments.FILL["partner" if lang == "fr" else "partner_en"]),
            "n": str(rng.choice([2, 3, 5, 12, 15, 24, 40, 75, 120, 350, 1200])),
            "amount": rng.choice(["25", "50", "100", "250", "1 500" if lang == "fr" else "1,500"]),
        }
        text = sentence.format(**values)
        return text.replace("a.m..", "a.m.").replace("p.m..", "p.m.")

    def sentences(self, lang: str, theme: str, count: int) -> list[str]:
        rng = self.rng
        bank = fragments.FR if lang == "fr" else fragments.EN
        chosen: list[str] = []
        if rng.random() < 0.6:
            chosen.append(rng.choice(bank["opener"]))
        pool = bank[theme] * 3 + bank["life"] + bank["event"] + bank["thanks"]
        while len(chosen) < max(count - 1, 1):
            candidate = rng.choice(pool)
            if candidate not in chosen or len(chosen) > 30:
                chosen.append(candidate)
        if rng.random() < 0.45:
            chosen.append(rng.choice(bank["question"]))
        if rng.random() < 0.55:
            chosen.append(rng.choice(bank["cta"]))
        if rng.random() < 0.3:
            chosen.append(rng.choice(bank["closer"]))
        return [self.fill(s, lang) for s in chosen]

    def paragraphs(self, sentences: list[str], long: bool) -> list[str]:
        rng = self.rng
        if not long and len(sentences) <= 3 and rng.random() < 0.7:
            return [" ".join(sentences)]
        out, current = [], []
        for sentence in sentences:
            current.append(sentence)
            if len(current) >= rng.choice([1, 2, 2, 3, 4]):
                out.append(" ".join(current))
                current = []
        if current:
            out.append(" ".join(current))
        if long and rng.random() < 0.35:  # a Markdown list in the middle of a long post
            items = rng.sample(out[-1].split(". "), k=min(3, len(out[-1].split(". "))))
            out.insert(len(out) // 2, "\n".join(f"- {item.strip().rstrip('.')}" for item in items))
        return out

    def decorate(self, paras: list[str], lang: str, platform: str) -> list[str]:
        rng = self.rng
        if rng.random() < 0.35:  # emoji, at the start of a paragraph or the end of the post
            picks = rng.sample(fragments.EMOJI, k=rng.choice([1, 1, 2, 3, 4]))
            i = rng.randrange(len(paras))
            paras[i] = (
                (" ".join(picks) + " " + paras[i])
                if rng.random() < 0.5
                else (paras[i] + " " + "".join(picks))
            )
        if rng.random() < 0.35:  # a link: bare, Markdown, or without a scheme
            link = rng.choice(fragments.LINKS)
            label = "tous les détails" if lang == "fr" else "all the details"
            style = rng.random()
            text = f"[{label}]({link})" if style < 0.2 and link.startswith("http") else link
            paras[-1] = paras[-1] + (" 👉 " if rng.random() < 0.3 else " ") + text
        if rng.random() < 0.2:  # mentions of partners
            handles = fragments.FEDI_MENTIONS if platform == "mastodon" else fragments.MENTIONS
            paras.append(
                ("Avec " if lang == "fr" else "With ") + " ".join(rng.sample(handles, k=rng.choice([1, 2])))
            )
        if rng.random() < 0.4:  # hashtags, on their own line, a few or far too many
            tags = fragments.HASHTAGS[lang]
            paras.append(" ".join(rng.sample(tags, k=min(len(tags), rng.choice([1, 2, 3, 3, 5, 9])))))
        if rng.random() < 0.06:  # emphasis and a heading now and then
            paras[0] = f"**{paras[0]}**" if rng.random() < 0.5 else f"## {paras[0]}"
        if rng.random() < 0.04:  # an image in the body, an editor's comment, a suppression
            paras.insert(0, "![Des bénévoles au local](images/local.jpg)")
        if rng.random() < 0.04:
            paras.append("<!-- à valider par Sophie avant publication -->")
        if rng.random() < 0.02:
            paras.insert(0, "<!-- postlint-disable PL101 -->")
        return paras

    def french_typography(self, text: str) -> str:
        """Narrow no-break spaces before ; ! ? and no-break space before :, as a careful writer types."""
        return (
            text.replace(" !", "\u202f!")
            .replace(" ?", "\u202f?")
            .replace(" ;", "\u202f;")
            .replace(" :", "\u00a0:")
        )

    # -- front matter ------------------------------------------------------------------------

    def platform_name(self, pid: str) -> str:
        rng = self.rng
        aliases = self.platforms.get(pid) or []
        if aliases and rng.random() < 0.1:
            name = rng.choice(aliases)
            return name.capitalize() if rng.random() < 0.3 else name
        return pid.capitalize() if rng.random() < 0.03 else pid

    def front_matter(self, index: int, platform: str, lang: str, theme: str) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        roll = rng.random()
        if roll < 0.80:
            lines.append(f"platform: {self.platform_name(platform)}")
        elif roll < 0.95:
            others = rng.sample([p for p in self.platform_ids if p != platform], k=rng.choice([1, 2]))
            names = [self.platform_name(p) for p in [platform, *others]]
            lines.append(f"platforms: [{', '.join(names)}]" if rng.random() < 0.7 else "platforms:")
            if lines[-1] == "platforms:":
                lines.extend(f"  - {name}" for name in names)
        # else: no platform at all (PL014)
        roll = rng.random()
        if roll < 0.5:
            lines.append(f"persona: {rng.choice(PERSONAS)}")
        elif roll < 0.7:
            lines.append(f"audience: [{', '.join(rng.sample(PERSONAS, k=rng.choice([1, 2, 3])))}]")
        elif roll < 0.71:
            lines.append("persona: robert")  # not in the strategy file
        if rng.random() < 0.7:
            objective = OBJECTIVE_OF_THEME[theme] if rng.random() < 0.8 else rng.choice(OBJECTIVES)
            lines.append(f"objective: {objective}")
        roll = rng.random()
        slug = f"{theme}-{index % 97:02d}"
        if roll < 0.30:
            lines.append(f"image: images/{slug}.jpg")
            if rng.random() < 0.8:
                alt = {
                    "fr": "Des bénévoles trient des légumes au local du comité",
                    "en": "Volunteers sorting vegetables at the committee office",
                }[lang]
                lines.append(f"alt: {alt}" if rng.random() < 0.8 else f'alt: "{alt}"')
        elif roll < 0.35:
            lines.append("images:")
            for k in range(rng.choice([2, 3, 4])):
                lines.append(f"  - src: images/{slug}-{k + 1}.jpg")
                if rng.random() < 0.7:
                    lines.append(f"    alt: Photo {k + 1} de la fête de quartier")
        if platform in ("youtube", "pinterest") and rng.random() < 0.7:
            lines.append(
                f"title: {'Atelier logement' if lang == 'fr' else 'Housing workshop'} {index % 12 + 1}"
            )
        if rng.random() < 0.7:
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            if rng.random() < 0.6:
                hour, minute = rng.choice([9, 10, 12, 17, 19]), rng.choice(["00", "30"])
                lines.append(f"date: 2026-{month:02d}-{day:02d} {hour}:{minute}")
            elif rng.random() < 0.5:
                lines.append(f'date: "2026-{month:02d}-{day:02d}"')
            else:
                lines.append(f"date: 2026-{month:02d}-{day:02d}")  # YAML reads it as a date
        if rng.random() < 0.5:
            declared = lang if rng.random() < 0.96 else ("en" if lang == "fr" else "fr")
            lines.append(f"lang: {declared}")
        if rng.random() < 0.02:
            lines.append(f"postlint: {{ignore: [{rng.choice(['length-guide', 'PL101', 'unknown-key'])}]}}")
        if rng.random() < 0.01:
            lines.append(f"{rng.choice(['platfrom', 'objectif', 'persona_', 'atl'])}: x")  # typos (PL016)
        if rng.random() < 0.05:
            lines.append(f"# statut : {rng.choice(['brouillon', 'à relire', 'prêt'])}")
        return lines

    # -- one draft ---------------------------------------------------------------------------

    def draft(self, index: int) -> tuple[str, bytes]:
        """(relative path, file content) of draft number `index`."""
        rng = self.rng
        platform = rng.choices(self.platform_ids, weights=self.platform_weights)[0]
        roll = rng.random()
        lang = "fr" if roll < 0.65 else ("en" if roll < 0.95 else "bilingual")
        theme = rng.choice(THEMES)
        short, usual, long_ = SENTENCES.get(platform, (1, 3, 8))
        long = rng.random() < 0.12
        count = rng.randint(usual, long_) if long else rng.randint(short, usual)

        if lang == "bilingual":
            fr = self.paragraphs(self.sentences("fr", theme, max(1, count // 2)), long)
            en = self.paragraphs(self.sentences("en", theme, max(1, count // 2)), long)
            paras = [*fr, "English follows." if rng.random() < 0.3 else "🇬🇧 / 🇨🇦 EN", *en]
            text_lang = "fr"
        else:
            paras = self.paragraphs(self.sentences(lang, theme, count), long)
            text_lang = lang
        paras = self.decorate(paras, text_lang, platform)
        body = "\n\n".join(paras)
        if text_lang == "fr" and rng.random() < 0.2:
            body = self.french_typography(body)

        front = self.front_matter(index, platform, text_lang, theme)
        text = "---\n" + "\n".join(front) + "\n---\n" + body + "\n"
        if rng.random() < 0.02:
            text = text.replace("\n---\n", "\n---\n\n", 1)  # a blank line after the front matter
        month = (index % 24) // 2 + 1
        folder = f"drafts/2026-{month:02d}"
        suffix = ".markdown" if rng.random() < 0.02 else ".md"
        name = f"{folder}/{index:05d}-{platform}{suffix}"

        data = text.encode("utf-8")
        if rng.random() < 0.05:
            data = text.replace("\n", "\r\n").encode("utf-8")  # written on Windows
        if rng.random() < 0.006:
            data = self.broken(text, rng)
        return name, data

    @staticmethod
    def broken(text: str, rng: random.Random) -> bytes:
        """A draft that a real folder ends up holding now and then."""
        kind = rng.choice(
            [
                "unclosed",
                "bad-yaml",
                "not-mapping",
                "unknown-platform",
                "empty",
                "latin-1",
                "bom",
                "tab",
                "no-body",
            ]
        )
        head, _sep, body = text.partition("\n---\n")
        if kind == "unclosed":
            return (head + "\n" + body).encode("utf-8")
        if kind == "bad-yaml":
            return (
                "---\nplatform: facebook\nalt: Nos bénévoles: au local: samedi\n  - oups\n---\n" + body
            ).encode()
        if kind == "not-mapping":
            return ("---\n- facebook\n- instagram\n---\n" + body).encode("utf-8")
        if kind == "unknown-platform":
            return ("---\nplatform: myspace\n---\n" + body).encode("utf-8")
        if kind == "empty":
            return b""
        if kind == "latin-1":
            return text.encode("latin-1", "replace")
        if kind == "bom":
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        if kind == "tab":
            return ("---\nplatform:\tfacebook\n\tpersona: lina\n---\n" + body).encode("utf-8")
        return (head + "\n---\n").encode("utf-8")  # no-body


def build(count: int, out: Path, seed: int) -> dict:
    """Write `count` drafts and the strategy file under `out` (replacing a corpus made by this script)."""
    if out.exists():
        if not (out / MANIFEST).is_file() and any(out.iterdir()):
            raise SystemExit(f"{out} exists and was not made by make_corpus.py: not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(seed)
    writer = Writer(rng, load_platforms())
    total_bytes = 0
    for index in range(1, count + 1):
        name, data = writer.draft(index)
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total_bytes += len(data)
    (out / "postlint.yaml").write_text(STRATEGY, encoding="utf-8")
    # A few files that are not drafts, as in any real folder.
    (out / "drafts" / "LISEZMOI.txt").write_text(
        "Brouillons du comité, un fichier par publication.\n", encoding="utf-8"
    )
    (out / "drafts" / "images").mkdir(exist_ok=True)
    manifest = {"generator": VERSION, "count": count, "seed": seed, "bytes": total_bytes}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of drafts (default 10,000)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="folder to write (default bench/corpus)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    manifest = build(args.count, args.out, args.seed)
    print(f"{manifest['count']} drafts ({manifest['bytes'] / 1e6:.1f} MB) in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
