"""The checks across drafts (objective, fundraising-share, cross-platform-duplicate,
platform-strategy, cadence): the two content folders of fixtures/posts/ with their own strategy
files (strategie-a-revoir, strategie-bien-tenue; their sidecars are checked by test_fixtures.py),
partial runs as pre-commit makes them, the strategy file's own finding, suppression, jobs, and the
near-duplicate index against brute force."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from postlint import engine, similarity
from tests.conftest import FIXTURES

FIRES = FIXTURES / "strategie-a-revoir"
CLEAN = FIXTURES / "strategie-bien-tenue"
ACROSS = ("PL400", "PL401", "PL402", "PL403", "PL404")


def findings(paths, **options) -> list:
    return engine.check_paths([str(p) for p in paths], engine.Options(lang="en", **options)).findings


def test_each_check_fires_once_in_fires_and_never_in_clean():
    fired = [f.code for f in findings([FIRES]) if f.code in ACROSS]
    assert sorted(fired) == list(ACROSS)
    assert [f for f in findings([CLEAN]) if f.code in ACROSS] == []


def test_a_partial_run_reads_the_folder_but_reports_only_the_files_passed():
    # pre-commit passes one file: the day's other LinkedIn post is still seen
    late = findings([FIRES / "08-linkedin-soir.md"])
    assert [(f.code, Path(f.path).name) for f in late] == [("PL404", "08-linkedin-soir.md")]
    # the first post of that day is not the one too many
    assert findings([FIRES / "07-linkedin-matin.md"]) == []
    # the share of fundraising is the folder's, not the single file's
    share = findings([FIRES / "04-don.md"])
    assert [f.code for f in share] == ["PL401"]
    assert "1 draft of 8" in share[0].message


def _folder(tmp_path: Path, strategy: str, drafts: dict[str, str]) -> Path:
    (tmp_path / "postlint.yaml").write_text(strategy, encoding="utf-8")
    for name, text in drafts.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _draft(platform: str, text: str, extra: str = "") -> str:
    return f"---\nplatform: {platform}\n{extra}---\n{text}\n"


ALL_FUNDRAISING = """\
objectives:
  - {id: dons, fundraising: true}
  - {id: campagne, label: Campagne annuelle, fundraising: true}
"""


def test_a_strategy_whose_objectives_are_all_fundraising_is_reported_on_the_strategy_file(tmp_path):
    folder = _folder(
        tmp_path, ALL_FUNDRAISING, {"a.md": _draft("facebook", "Merci à tous !", "objective: dons\n")}
    )
    found = [f for f in findings([folder]) if f.code == "PL400"]
    assert [(Path(f.path).name, f.line) for f in found] == [("postlint.yaml", 1)]
    assert "All 2 of your objectives are about fundraising" in found[0].message
    # a partial run (pre-commit) reports only on the drafts it was given
    assert [f for f in findings([folder / "a.md"]) if f.code == "PL400"] == []


def test_an_unknown_objective_is_an_error_with_the_closest_one(tmp_path):
    strategy = "objectives: [{id: comprendre}, {id: mobiliser}]\n"
    folder = _folder(tmp_path, strategy, {"a.md": _draft("facebook", "Bonjour !", "objective: comprendr\n")})
    found = [f for f in findings([folder]) if f.code == "PL400"]
    assert [(f.severity, f.line, f.suggestion) for f in found] == [("error", 3, "comprendre")]


SHARED = (
    "Mardi soir, on vous attend au local pour l'atelier sur vos droits de locataire. Apportez votre bail !"
)


def test_near_identical_drafts_for_different_platforms_point_at_each_other(tmp_path):
    folder = _folder(
        tmp_path,
        "language: en\n",
        {
            "fb.md": _draft("facebook", SHARED),
            "li.md": _draft("linkedin", SHARED.replace("Mardi soir", "Mardi")),
            "fb-again.md": _draft("facebook", SHARED),  # same platform as fb.md: a repeat, not this rule's
            "other.md": _draft(
                "x", "Une toute autre nouvelle : le registre des loyers avance, signez la pétition."
            ),
        },
    )
    found = {Path(f.path).name: f.message for f in findings([folder]) if f.code == "PL402"}
    assert set(found) == {"fb.md", "li.md", "fb-again.md"}
    assert "li.md (LinkedIn)" in found["fb.md"]
    assert "fb.md (Facebook)" in found["li.md"] and "fb-again.md (Facebook)" in found["li.md"]
    assert "fb-again" not in found["fb.md"]


def test_short_texts_are_not_duplicates(tmp_path):
    folder = _folder(
        tmp_path, "language: en\n", {"a.md": _draft("facebook", "Merci !"), "b.md": _draft("x", "Merci !")}
    )
    assert [f for f in findings([folder]) if f.code == "PL402"] == []


def test_a_draft_can_silence_a_check_across_drafts(tmp_path):
    folder = _folder(
        tmp_path,
        "language: en\n",
        {
            "fb.md": _draft("facebook", SHARED, "postlint: {ignore: [cross-platform-duplicate]}\n"),
            "li.md": _draft("linkedin", SHARED),
        },
    )
    assert [Path(f.path).name for f in findings([folder]) if f.code == "PL402"] == ["li.md"]


def test_a_gap_in_the_calendar_is_an_info_on_the_post_after_it(tmp_path):
    folder = _folder(
        tmp_path,
        "language: en\n",
        {
            "a.md": _draft(
                "instagram",
                "Photo du local.",
                "image: https://e.org/a.jpg\nalt: Le local\ndate: 2026-12-01\n",
            ),
            "b.md": _draft(
                "instagram",
                "Photo de l'atelier.",
                "image: https://e.org/b.jpg\nalt: L'atelier\ndate: 2026-12-06\n",
            ),
        },
    )
    found = [f for f in findings([folder]) if f.code == "PL404"]
    assert [(Path(f.path).name, f.severity) for f in found] == [("b.md", "info")]
    assert "4 days" in found[0].message and "2026-12-01" in found[0].message


def test_a_nested_strategy_file_keeps_its_drafts_to_itself(tmp_path):
    folder = _folder(
        tmp_path,
        "language: en\n",
        {"fb.md": _draft("facebook", SHARED), "autre/li.md": _draft("linkedin", SHARED)},
    )
    (folder / "autre" / "postlint.yaml").write_text("language: en\n", encoding="utf-8")
    assert [f for f in findings([folder / "fb.md"]) if f.code == "PL402"] == []


def test_the_checks_across_drafts_are_the_same_with_two_jobs(tmp_path):
    rng = random.Random(7)
    words = ["local", "atelier", "bail", "loyer", "comité", "locataires", "assemblée", "droits", "quartier"]
    drafts = {}
    for i in range(300):
        text = " ".join(rng.choice(words) for _ in range(14)) if i % 5 else SHARED
        platform = rng.choice(["facebook", "x", "linkedin", "mastodon"])
        day = 1 + rng.randrange(20)
        drafts[f"d{i:03}.md"] = _draft(platform, text, f"date: 2026-12-{day:02}\n")
    folder = _folder(tmp_path, "language: en\nplatforms: [facebook, x, linkedin]\n", drafts)
    one = [f.as_dict() for f in findings([folder], jobs=1)]
    two = [f.as_dict() for f in findings([folder], jobs=2)]
    assert one == two
    assert {"PL402", "PL403", "PL404"} <= {f["code"] for f in one}


def test_the_index_finds_the_pairs_brute_force_finds():
    rng = random.Random(3)
    vocabulary = [f"mot{i}" for i in range(400)]
    base = [[rng.choice(vocabulary) for _ in range(30)] for _ in range(60)]
    texts = []
    for words in base:  # each text, and a copy with one or two words changed
        texts.append(" ".join(words))
        changed = list(words)
        for _ in range(rng.choice([1, 2])):
            changed[rng.randrange(len(changed))] = rng.choice(vocabulary)
        texts.append(" ".join(changed))
    signatures = [similarity.signature(t) for t in texts]
    shingles = [similarity.shingles(t) for t in texts]
    truth = {
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if len(shingles[i] & shingles[j]) / len(shingles[i] | shingles[j]) >= 0.75
    }
    index = similarity.Neighbours(signatures, 0.6)
    found = {(min(i, j), max(i, j)) for i in range(len(texts)) for j, _ in index.of(i)}
    assert len(truth) >= 25  # enough real pairs for the recall to mean something
    assert len(truth & found) >= 0.95 * len(truth)
    unrelated = {(i, j) for i, j in found if i // 2 != j // 2}
    assert unrelated == set()


def test_the_hash_functions_are_numpys_first_draws_from_seed_1():
    # the numbers written out in postlint.similarity are those the signatures were defined with
    import numpy as np

    generator = np.random.RandomState(1)
    a = generator.randint(1, similarity._MAX, size=similarity.PERMUTATIONS, dtype=np.uint64)
    b = generator.randint(0, similarity._MAX, size=similarity.PERMUTATIONS, dtype=np.uint64)
    kept_a, kept_b = similarity._permutations()
    assert kept_a.dtype == kept_b.dtype == np.uint64
    assert kept_a.tolist() == a.tolist() and kept_b.tolist() == b.tolist()


def test_signature_is_the_minhash_of_the_shingles():
    # the definition, in plain integers: for each permutation, the smallest (a * crc32 + b) mod p
    # over the text's shingles, kept on 32 bits
    import zlib

    text = "Venez nombreux à la fête du quartier samedi, on vous attend avec des jeux! #fete @voisins"
    a, b = similarity._permutations()
    found = similarity.shingles(text)
    hashes = [zlib.crc32(s.encode()) for s in found]
    prime, kept = similarity._PRIME, similarity._MAX
    expected = [min((int(a[k]) * h + int(b[k])) % prime & kept for h in hashes) for k in range(len(a))]
    assert similarity.signature(text) == b"".join(value.to_bytes(4, "little") for value in expected)
    assert similarity.shingles("Deux mots") == {"deux", "mots"}
    assert "fete" not in " ".join(similarity.shingles(text))  # hashtags and mentions are left out


def test_a_crowded_bucket_gives_every_pair():
    # more than 64 texts in one bucket: the pairs of large buckets are not the kept small ones
    words = [f"mot{i}" for i in range(40)]
    texts = [" ".join([*words, f"fin{i}"]) for i in range(80)]
    signatures = [similarity.signature(t) for t in texts]
    index = similarity.Neighbours(signatures, 0.8)  # each pair shares 38 of 40 shingles
    for i in range(len(texts)):
        assert {j for j, _ in index.of(i)} == set(range(len(texts))) - {i}


def test_direct_comparison_answers_as_the_index_does():
    # a partial run compares its few drafts with all the others directly: same neighbours, same
    # order (identical texts first, then by similarity, ties in the order of the texts)
    texts = _near_copies(random.Random(5), words=300, groups=40, length=25, variants=[0, 1, 2])
    signatures = [similarity.signature(t) for t in texts] + [None]
    index = similarity.Neighbours(signatures, 0.8)
    direct = similarity.DirectNeighbours(signatures, 0.8)
    compared = 0
    for i in range(len(signatures)):
        by_index, by_direct = list(index.of(i)), list(direct.of(i))
        # the index may miss a pair (LSH); on the pairs it finds, both agree, in the same order
        assert [pair for pair in by_direct if pair in by_index] == by_index
        assert len(by_direct) <= len(by_index) + 1
        compared += bool(by_index)
    assert compared >= 30
    assert isinstance(similarity.neighbours(signatures, 0.8, 1), similarity.DirectNeighbours)
    assert isinstance(similarity.neighbours(signatures, 0.8, len(signatures)), similarity.Neighbours)


def test_signatures_are_the_same_in_every_process():
    # fixed seeds and crc32, not Python's salted hash: a signature kept from another run compares
    import subprocess
    import sys

    code = "from postlint import similarity; print(similarity.signature('un deux trois quatre cinq'))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {f"{similarity.signature('un deux trois quatre cinq')}\n"}
    assert similarity.signature("...") is None


def test_copying_the_clean_folder_changes_nothing(tmp_path):
    copy = tmp_path / "clean"
    shutil.copytree(CLEAN, copy)
    assert [f for f in findings([copy]) if f.code in ACROSS] == []


@pytest.mark.parametrize("at_once", [similarity._PAIRS_AT_ONCE, 7])
def test_similar_pairs_are_those_sharing_a_band_and_similar_enough(at_once, monkeypatch):
    # the vectorised buckets (pairs of two-text buckets at once, larger ones one by one) against
    # the definition: every pair of signatures that agree on a whole band, kept when similar enough
    # clusters of one to six texts: buckets of two and larger ones; the candidates compared all in
    # one slice, or 7 at a time (slices and a last one cut short)
    monkeypatch.setattr(similarity, "_PAIRS_AT_ONCE", at_once)
    texts = _near_copies(random.Random(11), words=400, groups=60, length=30, variants=[0, 1, 2, 4])
    unique = list(dict.fromkeys(similarity.signature(t) for t in texts))
    width = similarity.ROWS * 4  # bytes of a band
    rows = [[sig[band * width : (band + 1) * width] for band in range(similarity.BANDS)] for sig in unique]
    for threshold in (0.5, 0.8):
        expected = [
            (i, j, similarity.estimate(unique[i], unique[j]))
            for i in range(len(unique))
            for j in range(i + 1, len(unique))
            if any(a == b for a, b in zip(rows[i], rows[j], strict=True))
            and similarity.estimate(unique[i], unique[j]) >= threshold
        ]
        first, second, found = similarity._similar_pairs(unique, threshold)
        assert list(zip(first, second, found, strict=True)) == expected
        assert len(expected) >= 15


def _near_copies(rng: random.Random, *, words: int, groups: int, length: int, variants: list) -> list[str]:
    """`groups` random texts of `length` words (from `words` different ones), each once or twice,
    followed by some variants (a number drawn from `variants`) with one word replaced."""
    vocabulary = [f"mot{i}" for i in range(words)]
    texts = []
    for _ in range(groups):
        chosen = [rng.choice(vocabulary) for _ in range(length)]
        texts += [" ".join(chosen)] * rng.choice([1, 2])  # some identical copies
        for _ in range(rng.choice(variants)):
            changed = list(chosen)
            changed[rng.randrange(len(changed))] = rng.choice(vocabulary)
            texts.append(" ".join(changed))
    return texts
