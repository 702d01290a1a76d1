"""Near-identical texts among many drafts, without comparing every pair.

Each text becomes a set of shingles (three words in a row, on the lower-cased words without links,
mentions and hashtags), and the set a MinHash signature: for each of PERMUTATIONS hash functions,
the smallest hash of its shingles. Two texts share a signature position with a probability equal
to the Jaccard similarity of their shingle sets (Broder 1997). The signatures are then cut into
BANDS bands of ROWS positions; texts that agree on a whole band fall in the same bucket and become
candidates (locality-sensitive hashing; Leskovec, Rajaraman and Ullman, "Mining of Massive
Datasets", ch. 3). With 16 bands of 4 rows, a pair at similarity 0.8 is a candidate 99.96% of the
time, one at 0.3 12%: the work grows with the number of drafts and of candidate pairs, not with
its square. A candidate's similarity is estimated from the whole signatures.

Written here rather than taken from `datasketch` (the same method): importing datasketch pulls in
scipy (0.64 s) and its MinHash costs 140 µs a text; this one costs about 25 µs with numpy, which
spaCy already brings. The hashes are crc32 of the shingles and fixed seeds, so a signature is the
same in every process and every run (the result cache keeps them).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from functools import cache

PERMUTATIONS = 64
BANDS, ROWS = 16, 4
SHINGLE = 3
_PRIME = (1 << 61) - 1
_MAX = (1 << 32) - 1
_WORD = re.compile(r"(?:https?://|www\.)\S+|[@#]\w+|(\w+)", re.UNICODE)


def shingles(text: str) -> set[str]:
    """The text's three-word shingles (its words, when it has fewer than three)."""
    words = [word for word in _WORD.findall(text.lower()) if word]  # links, mentions, tags: ""
    if len(words) < SHINGLE:
        return set(words)
    return set(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))  # the shorter ends it


# The hash functions' numbers, fixed so that signatures agree across runs and processes: the first
# draws of numpy's RandomState(1) (randint(1, _MAX) for a, then randint(0, _MAX) for b, 64 each),
# written out so that a run doesn't import numpy.random (~10-20 ms) to draw them; a test draws them.
# fmt: off
_A = (
    1791095846, 4282876140, 3093770125, 4005303369, 491264, 550290314, 1298508492, 4290846342,
    630311760, 1013994433, 396591249, 1703301250, 799981517, 1666063944, 1484172014, 2876537341,
    1704103303, 4018109722, 2314200243, 3634877717, 1800426751, 1345499494, 2942995347, 2252917205,
    878115724, 1904615677, 3771485675, 986026653, 117628830, 2295290255, 2879636019, 3925436997,
    1792310488, 1963679704, 2399554538, 1849836274, 602957304, 4033523167, 850839393, 3343156311,
    3439171726, 3075069930, 4158651786, 3447817224, 1346146624, 398576446, 2973502999, 2225448250,
    3764062722, 3715233665, 3842306365, 3561158866, 365262089, 3563119321, 167739022, 1172740724,
    729416112, 254447595, 3771593338, 2879896009, 422396447, 2547197000, 1808643460, 2884732359,
)
_B = (
    4114104213, 1768615473, 2289927481, 848474627, 2971589572, 1243949848, 1355129329, 610401323,
    2948499020, 3364310042, 3584689972, 1771840848, 78547565, 146764659, 3221845289, 2680188370,
    4247126031, 2837408832, 3213347012, 1282027545, 1204497775, 1916133090, 3389928919, 954017671,
    443352346, 315096729, 1923688040, 2015364118, 3902387977, 413056707, 1261063143, 3879945342,
    1235985687, 513207677, 558468452, 2253996187, 83180453, 359158073, 2915576403, 3937889446,
    908935816, 3910346016, 1140514210, 1283895050, 2111290647, 2509932175, 229190383, 2430573655,
    2465816345, 2636844999, 630194419, 4108289372, 2531048010, 1120896190, 3005439278, 992203680,
    439523032, 2291143831, 1778356919, 4079953217, 2982425969, 2117674829, 1778886403, 2321861504,
)
# fmt: on


@cache
def _permutations():
    import numpy as np

    return np.array(_A, dtype=np.uint64), np.array(_B, dtype=np.uint64)


def signature(text: str) -> bytes | None:
    """The MinHash signature of the text's shingles, as PERMUTATIONS little-endian 32-bit values
    (256 bytes: compact to keep for 100,000 drafts and to send between processes); None for a
    text without words."""
    found = shingles(text)
    if not found:
        return None
    import numpy as np

    a, b = _permutations()
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, found)), dtype=np.uint64, count=len(found))
    # (a * h + b) mod p stays below 2**64: a and h below 2**32, b below 2**32
    values = hashes[:, None] * a
    values += b
    values %= np.uint64(_PRIME)
    values &= np.uint64(_MAX)
    return values.min(axis=0).astype("<u4").tobytes()


def estimate(first: bytes, second: bytes) -> float:
    """The estimated Jaccard similarity of two signatures' shingle sets."""
    import numpy as np

    same = np.frombuffer(first, dtype="<u4") == np.frombuffer(second, dtype="<u4")
    return int(same.sum()) / PERMUTATIONS


class Neighbours:
    """Which texts are near-identical to which: texts with the same signature form a cluster, and
    the clusters whose signatures are similar enough are linked (found through the LSH buckets,
    compared only within a bucket)."""

    def __init__(self, signatures: list[bytes | None], threshold: float):
        clusters: dict[bytes, list[int]] = {}
        self.cluster_of: dict[int, int] = {}
        for index, sig in enumerate(signatures):
            if sig is not None:
                self.cluster_of[index] = (
                    len(clusters) if sig not in clusters else self.cluster_of[clusters[sig][0]]
                )
                clusters.setdefault(sig, []).append(index)
        self.members = list(clusters.values())
        self.links: dict[int, list[tuple[int, float]]] = defaultdict(list)
        unique = list(clusters)
        if len(unique) < 2:
            return
        first, second, similarity = _similar_pairs(unique, threshold)
        for i, j, value in zip(first, second, similarity, strict=True):
            self.links[i].append((j, value))
            self.links[j].append((i, value))

    def of(self, index: int):
        """The texts near-identical to text `index`, as (other index, similarity): the identical
        ones first, then the others by similarity (ties in the order of the texts); lazily, so
        that a caller may stop early."""
        cluster = self.cluster_of.get(index)
        if cluster is None:
            return
        for other in self.members[cluster]:
            if other != index:
                yield other, 1.0
        for linked, similarity in sorted(self.links.get(cluster, ()), key=lambda link: (-link[1], link[0])):
            for other in self.members[linked]:
                yield other, similarity


def _pairs(size: int):
    """Every pair (i < j) of `size` positions, as two index arrays. Most buckets have the same few
    small sizes, and numpy builds a size x size mask at each call: the small ones are kept."""
    return _small_pairs(size) if size <= _KEPT_PAIRS else _triu(size)


_KEPT_PAIRS = 64


def _triu(size: int):
    import numpy as np

    return np.triu_indices(size, k=1)


_small_pairs = cache(_triu)


_PAIRS_AT_ONCE = 16_384  # candidate pairs compared in one slice (4 MiB of rows on each side)


def _similar_pairs(unique: list[bytes], threshold: float) -> tuple[list[int], list[int], list[float]]:
    """The pairs (i < j) of distinct signatures that share a whole band and are similar enough,
    with their similarity. Vectorised: each band of each signature becomes one 64-bit number (two
    bands that differ may rarely get the same number: that only adds a candidate, which the
    similarity then turns down), signatures sorted on it fall in buckets, and every candidate pair
    is compared at once."""
    import numpy as np

    matrix = np.frombuffer(b"".join(unique), dtype="<u4").reshape(len(unique), PERMUTATIONS)
    wide = matrix.astype(np.uint64)
    first_parts, second_parts = [], []
    with np.errstate(over="ignore"):  # the band's number wraps around 2**64 on purpose
        for band in range(BANDS):
            columns = wide[:, band * ROWS : (band + 1) * ROWS]
            key = columns[:, 0].copy()
            for column in range(1, ROWS):
                key = key * np.uint64(0x100000001B3) + columns[:, column]
            order = np.argsort(key, kind="stable")
            ordered = key[order]
            starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
            sizes = np.diff(np.append(starts, len(ordered)))
            twos = starts[sizes == 2]  # most buckets: their pairs at once
            first_parts.append(np.minimum(order[twos], order[twos + 1]))
            second_parts.append(np.maximum(order[twos], order[twos + 1]))
            for start, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
                members = np.sort(order[start : start + size])
                left, right = _pairs(size)
                first_parts.append(members[left])
                second_parts.append(members[right])
    count = len(unique)
    codes = np.sort(np.concatenate(first_parts).astype(np.int64) * count + np.concatenate(second_parts))
    if not len(codes):
        return [], [], []
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]  # np.unique would import numpy.ma
    first, second = codes // count, codes % count
    # the candidates compared a slice at a time: all at once, the rows gathered for them took
    # 256 bytes a pair twice over (bench/near_pairs.py, 100,000 drafts of shared phrases: 1.5
    # million candidates, 2.1 s and 864 MiB at the peak; by slices, 0.74 s and 151 MiB)
    same = np.empty(len(codes), dtype=np.int64)
    for start in range(0, len(codes), _PAIRS_AT_ONCE):
        stop = start + _PAIRS_AT_ONCE
        same[start:stop] = (matrix[first[start:stop]] == matrix[second[start:stop]]).sum(axis=1)
    similar = same / PERMUTATIONS >= threshold  # as `estimate` decides
    return first[similar].tolist(), second[similar].tolist(), (same[similar] / PERMUTATIONS).tolist()


class DirectNeighbours:
    """The same answers as `Neighbours`, for a few texts asked about among many: each one compared
    with every other signature at once (one vectorised comparison), with no index to build. A
    partial run (pre-commit's few files against the whole content folder) asks this way."""

    def __init__(self, signatures: list[bytes | None], threshold: float):
        import numpy as np

        self.threshold = threshold
        self.signatures = signatures
        self.indexes = [index for index, sig in enumerate(signatures) if sig is not None]
        joined = b"".join(signatures[index] for index in self.indexes)
        self.matrix = np.frombuffer(joined, dtype="<u4").reshape(len(self.indexes), PERMUTATIONS)

    def of(self, index: int):
        own = self.signatures[index]
        if own is None:
            return
        import numpy as np

        same = (self.matrix == np.frombuffer(own, dtype="<u4")).sum(axis=1)
        groups: dict[bytes, list[int]] = {}
        for row in np.flatnonzero(same >= self.threshold * PERMUTATIONS).tolist():
            other = self.indexes[row]
            if other != index and int(same[row]) / PERMUTATIONS >= self.threshold:
                groups.setdefault(self.signatures[other], []).append(other)
        for other in groups.pop(own, []):
            yield other, 1.0
        # clusters in order of similarity, ties in the order of their first text, as Neighbours
        for members in sorted(groups.values(), key=lambda m: (-estimate(own, self.signatures[m[0]]), m[0])):
            similarity = estimate(own, self.signatures[members[0]])
            for other in members:
                yield other, similarity


def neighbours(signatures: list[bytes | None], threshold: float, asked: int):
    """The neighbour finder that costs least when `asked` texts of them will be asked about."""
    if asked * 50 <= len(signatures):
        return DirectNeighbours(signatures, threshold)
    return Neighbours(signatures, threshold)
