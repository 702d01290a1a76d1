"""What the image rules cost when every draft has a real 12-megapixel photo.

    python bench/image_bench.py                  # 2,000 drafts, best of 5 passes
    python bench/image_bench.py --count 500 --passes 9

Writes one 4000x3000 JPEG (a camera-like photo: noise over a gradient, EXIF, about 4 MB) and N
drafts pointing at it, for the platforms that have image rules, into bench/corpus/image-bench/
(git ignores bench/corpus/; the main corpus is built first when it is missing, so that
make_corpus.py still knows the folder as its own). The same N drafts are also written without
their image. Then, in-process, the three check functions of the image rules (PL110 image, PL111
image-file, PL112 alt-text) run over every draft of each set, the way the engine calls them; the
drafts are read again before every pass (not timed), so that nothing the draft caches is reused.
The figure is the best pass divided by N, in microseconds per draft, for each set, and the
difference: what reading the photo's header adds. The photo stays in the OS file cache after the
first pass, as it does for a folder that was just checked out or saved.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections import Counter
from pathlib import Path

import make_corpus
from run import ensure_corpus, machine

from postlint import catalogue, config, engine, platforms
from postlint.draft import read_draft

HERE = Path(__file__).resolve().parent
OUT = make_corpus.DEFAULT_OUT / "image-bench"
PHOTO = "photo-12mp.jpg"
RULES = ("image", "image-file", "alt-text")
TEXTS = (
    "Merci aux 40 voisins venus à la corvée de ruelle samedi ! On remet ça au printemps.",
    "Thank you to everyone who came to the tenants' assembly last night. Next one in March!",
    "Atelier sur le bail mardi à 18 h 30 au local du comité. Apportez vos questions !",
)


def make_photo(path: Path) -> None:
    """A 4000x3000 JPEG that looks like a camera's: noise over a gradient, with EXIF."""
    from PIL import Image

    if path.is_file():
        with Image.open(path) as existing:
            if existing.size == (4000, 3000):
                return
    size = (4000, 3000)
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 48)
    photo = Image.merge("RGB", (gradient, noise, Image.blend(gradient, noise, 0.5)))
    exif = Image.Exif()
    exif[0x010F] = "Bench Camera Co."  # Make
    exif[0x0110] = "BC-12"  # Model
    exif[0x0132] = "2026:11:21 10:00:00"  # DateTime
    path.parent.mkdir(parents=True, exist_ok=True)
    photo.save(path, "JPEG", quality=85, exif=exif.tobytes())


def image_platforms() -> list[str]:
    return [key for key in platforms.known() if platforms.facts(key, "images")]


def write_drafts(folder: Path, count: int, with_image: bool) -> None:
    keys = image_platforms()
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        key = keys[index % len(keys)]
        front = [f"platform: {key}"]
        if with_image:
            front += [f"image: ../{PHOTO}", "alt: Des voisins ramassent les feuilles dans une ruelle verte"]
        text = TEXTS[index % len(TEXTS)]
        (folder / f"{index:05d}.md").write_text("---\n" + "\n".join(front) + f"\n---\n{text}\n", "utf-8")


def build(count: int) -> None:
    if not make_corpus.DEFAULT_OUT.is_dir():
        ensure_corpus(make_corpus.DEFAULT_OUT, 10_000, 2026)
    make_photo(OUT / PHOTO)
    (OUT / "postlint.yaml").write_text("language: fr\n", encoding="utf-8")
    for name, with_image in (("with-image", True), ("without-image", False)):
        folder = OUT / name
        if folder.is_dir() and len(list(folder.glob("*.md"))) == count:
            continue
        for old in folder.glob("*.md"):
            old.unlink()
        write_drafts(folder, count, with_image)


def checks():
    for name in RULES:
        rule = catalogue.get(name)
        yield rule, getattr(importlib.import_module(f"postlint.checks.{rule.check}"), rule.function)


def time_set(folder: Path, settings, passes: int) -> tuple[float, Counter]:
    """Best seconds per pass of the three checks over the drafts of `folder`, and what they found."""
    files = sorted(folder.glob("*.md"))
    functions = list(checks())
    best, found = float("inf"), Counter()
    for attempt in range(passes + 1):
        drafts = [read_draft(file, str(file)) for file in files]  # fresh: no cached images
        contexts = [
            [(function, engine.RuleContext(rule, settings, "fr", draft)) for rule, function in functions]
            for draft in drafts
        ]
        start = time.perf_counter()
        results = [
            list(function(draft, ctx))
            for draft, pairs in zip(drafts, contexts, strict=True)
            for function, ctx in pairs
        ]
        elapsed = time.perf_counter() - start
        if attempt == 0:  # warm-up: Pillow's import, word lists, the file cache
            found = Counter(f"{f.code} {f.severity}" for result in results for f in result)
            continue
        best = min(best, elapsed)
    return best, found


def header_only(path: Path, count: int) -> float:
    """Seconds for one stat + Image.open (header) of the photo, on average over `count` reads."""
    import os

    from PIL import Image

    start = time.perf_counter()
    for _ in range(count):
        os.stat(path)
        with open(path, "rb") as handle, Image.open(handle) as picture:
            _ = picture.format, picture.size
    return (time.perf_counter() - start) / count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="number of drafts (default 2,000)")
    parser.add_argument("--passes", type=int, default=5, help="timed passes (default 5)")
    args = parser.parse_args(argv)
    build(args.count)
    settings = config.load_settings(OUT / "postlint.yaml")
    with_image, found = time_set(OUT / "with-image", settings, args.passes)
    without_image, _ = time_set(OUT / "without-image", settings, args.passes)
    photo = OUT / PHOTO
    per_draft = {
        name: seconds / args.count * 1e6
        for name, seconds in (("with", with_image), ("without", without_image))
    }
    print(
        f"{args.count:,} drafts for {', '.join(image_platforms())}; best of {args.passes} passes; one core."
    )
    print(f"Photo: {photo.name}, 4000x3000, {photo.stat().st_size:,} bytes.\n")
    print("| drafts | PL110 + PL111 + PL112, µs per draft |")
    print("|---|---:|")
    print(f"| with the 12-megapixel photo | {per_draft['with']:.1f} |")
    print(f"| without an image | {per_draft['without']:.1f} |")
    print(f"| **added by the photo** | **{per_draft['with'] - per_draft['without']:.1f}** (target ≤ 500) |")
    print(f"\nstat + header read alone: {header_only(photo, 500) * 1e6:.1f} µs per read")
    print("findings with the photo: " + ", ".join(f"{k} {n:,}" for k, n in sorted(found.items())))
    print(f"\nMachine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
