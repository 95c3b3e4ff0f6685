"""Near-duplicate articles grouped into stories: the wire copy every outlet runs under its own
headline and footer, the updated version with a sentence added or a figure corrected, the copy
cut off after a few paragraphs.

    sigs = {article_id: signature(text) for article_id, text in articles}   # ~1 ms an article
    blob = signature_to_bytes(sigs[7])            # 519 bytes, kept beside the article
    stories(sigs)                                 # [[1, 7, 12], [2], [3, 5], ...]

How two articles are compared
    Text is normalised (NFKC, casefold) and cut into words (runs of letters and digits), so
    typographic quotes, dashes, spacing and line breaks make no difference. The article is the
    set of its 5-word shingles: long enough that two different stories on one topic share few
    (a quote, a boilerplate line), short enough that a reworded sentence costs only the shingles
    around each changed word. A text under 5 words is one shingle.

    The signature is a MinHash of that set with 128 permutations: the estimate of Jaccard
    similarity J has a standard error of at most 0.044, and 128 values fill 512 bytes. Shingles
    and words are hashed with BLAKE2b and the permutations are drawn from SHAKE-128 of a fixed
    string, so a signature is the same in every process, on every machine and with every numpy
    or datasketch release; only a change here, marked by SIGNATURE_VERSION, changes it.
    Each permutation is h -> (a*h + b mod 2^64) >> 32 with a odd over a mixed 64-bit shingle
    hash, the affine construction of datasketch 2.0 ("affine64") keeping the top 32 bits.

The rule (same_story)
    Jaccard is the wrong measure for a truncation: the first half of an article has J = 0.5
    with the whole, lower than two versions of a rewritten story. What a copy keeps is
    *containment*, the share of the shorter text's shingles found in the longer one. It follows
    from J and the two set sizes: |A n B| = J(|A| + |B|) / (1 + J). Two articles are one story
    when the shorter is at least MIN_CONTAINMENT (0.6) contained in the longer, or when J is at
    least MIN_JACCARD (0.8). The figures come from the tuning corpus (tests/dedup_corpus.py,
    seed 1; benchmarks/dedup.py scores it and a held-out seed):
    - Copies and versions sit at containment 0.6-1.0 (1 % of the pairs under 0.69); different
      stories sharing a quote, the agency's footer or background paragraphs at 0.44 at most
      (0.48 for two briefs of one agency, whose footer is half their text).
      Pairwise precision and recall are both 1.0 for any threshold from 0.5 to 0.7; 0.4 joins
      follow-ups to their forerunners (precision 0.86), 0.8 loses edited truncations (recall
      0.98). 0.6 is the middle.
    - Containment is only used when J >= MIN_JACCARD_CONTAINED (0.2). Worked out from a small
      J it is noise: for texts of 40 and 500 shingles, J's standard error of 0.015 becomes 0.2
      in containment, and without this floor 8 pairs of short briefs and long articles passed.
      It also matches what the bands find (below): the rule sees a text down to about a fifth
      of the other's length.
    - Nor when the shorter text has under MIN_SHINGLES_CONTAINED (25) shingles, about 30 words:
      a page whose extraction kept only the footer (AP's copyright notice is 16 shingles) is
      wholly contained in every short story of that agency and would chain them into one.
      Such texts are one story with another only when near-identical (J >= 0.8). On the tuning
      corpus any value from 15 to 30 keeps every copy of a brief; 35 loses some.
    An empty text (no words) is a story of its own.

Finding candidate pairs (stories)
    Comparing every pair is quadratic, so signatures are first banded (LSH): the 128 values cut
    into 64 bands of 2, and two articles are compared only if some band is equal. Two articles
    with J = 0.35 (a 40 % truncation with an edit) share a band with probability
    1 - (1 - 0.35^2)^64 > 0.9997 and with J = 0.2 (the rule's floor) 0.93; with J = 0.05 (same
    topic, one shared quote) the chance is 15 %, and the rule rejects those.
    The bands are found by sorting each band's 64-bit key with numpy, not with
    datasketch.MinHashLSH: that one keeps a Python set per bucket, and at 64 bands it took 31 s
    (and 6.4 million sets) to index 100,000 signatures, where sorting finds their candidate
    pairs in 0.85 s.
    tests/test_near_duplicates.py checks the two find the same candidates.
    Pairs that pass the rule are joined transitively (union-find): a truncated copy of an
    update joins the story through the update. The cost grows with the candidate pairs: many
    short texts that are mostly one outlet's boilerplate are the expensive case.

This module is pure Python and numpy (no spaCy, no SQLAlchemy) so batch workers and the store
can both use it.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Hashable, Mapping
from typing import NamedTuple, TypeVar

import numpy as np

SIGNATURE_VERSION = 1  # bump when shingling, hashing or permutations change: stored ones are recomputed

NUM_PERM = 128
SHINGLE_WORDS = 5
BANDS, ROWS = 64, 2  # BANDS * ROWS == NUM_PERM; a band of 2 32-bit values is one 64-bit key

MIN_CONTAINMENT = 0.6
MIN_JACCARD = 0.8
MIN_SHINGLES_CONTAINED = 25
MIN_JACCARD_CONTAINED = 0.2

CHUNK = 25_000  # candidate pairs verified at once: 25 MB of gathered signatures

K = TypeVar("K", bound=Hashable)

_WORD = re.compile(r"\w+")
_EMPTY = np.uint32(0xFFFFFFFF)  # what no shingle yields: the largest 32-bit value


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # SHAKE-128 of a fixed string, not a numpy RNG: the parameters must never change with a
    # library release, or every stored signature would silently stop matching new ones.
    raw = np.frombuffer(hashlib.shake_128(b"eventwire near-duplicates 1").digest(16 * NUM_PERM),
                        dtype="<u8").astype(np.uint64)
    return raw[:NUM_PERM] | np.uint64(1), raw[NUM_PERM:]  # an odd a makes the map a bijection


_A, _B = _permutations()
# Each word of a shingle is weighted by its position, so "police fired on protesters" and
# "protesters fired on police" differ; odd weights keep two different shingles from colliding.
_POSITION_WEIGHTS = np.frombuffer(hashlib.shake_128(b"eventwire shingle positions").digest(8 * SHINGLE_WORDS),
                                  dtype="<u8").astype(np.uint64) | np.uint64(1)
_HEADER = struct.Struct("<BHI")  # signature version, number of values, number of shingles


class Signature(NamedTuple):
    """A MinHash of an article's 5-word shingles: NUM_PERM values (numpy uint32; all 2^32 - 1
    for a text without words), and how many distinct shingles the article has (to turn the
    Jaccard estimate into containment)."""

    hashvalues: np.ndarray
    n_shingles: int


def words(text: str) -> list[str]:
    """The words that are compared. NFKC folds ligatures and full-width forms, casefold folds
    case, and words are runs of letters and digits, so punctuation and spacing never count."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _word_hashes(vocabulary) -> np.ndarray:
    blake2b = hashlib.blake2b
    return np.frombuffer(b"".join([blake2b(w.encode("utf-8"), digest_size=8).digest() for w in vocabulary]),
                         dtype="<u8").astype(np.uint64)


def _mix64(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser: a weighted sum of word hashes is not yet uniform in its high
    # bits, which are the ones the permutations keep.
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 64-bit hashes of the text's 5-word shingles (one shingle under 5 words)."""
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    # hash each distinct word once; a 5,000-character article has about 400 of them
    vocabulary: dict[str, int] = {}
    ids = np.fromiter((vocabulary.setdefault(w, len(vocabulary)) for w in tokens), dtype=np.intp, count=len(tokens))
    word_hashes = _word_hashes(vocabulary)[ids]
    width = min(SHINGLE_WORDS, len(tokens))
    count = len(tokens) - width + 1
    with np.errstate(over="ignore"):  # the arithmetic is modulo 2^64 on purpose
        combined = np.zeros(count, dtype=np.uint64)
        for position in range(width):
            combined += word_hashes[position:position + count] * _POSITION_WEIGHTS[position]
        return np.unique(_mix64(combined))


def signature(text: str) -> Signature:
    """The MinHash signature of one article's text (deterministic across runs and machines)."""
    shingles = shingle_hashes(text)
    if not len(shingles):
        return Signature(np.full(NUM_PERM, _EMPTY, dtype=np.uint32), 0)
    permuted = np.multiply.outer(shingles, _A)  # in place from here: the matrix is the cost
    permuted += _B
    hashvalues = (permuted.min(axis=0) >> np.uint64(32)).astype(np.uint32)
    return Signature(hashvalues, len(shingles))


def signature_to_bytes(sig: Signature) -> bytes:
    """Seven header bytes (version, number of values, shingles) and the values, little-endian."""
    return _HEADER.pack(SIGNATURE_VERSION, len(sig.hashvalues), sig.n_shingles) + sig.hashvalues.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> Signature:
    """A signature stored by signature_to_bytes; ValueError if it was made by another version
    (recompute it from the text with signature()) or is not a signature."""
    if len(data) < _HEADER.size:
        raise ValueError(f"not a near-duplicate signature ({len(data)} bytes): recompute it with signature(text)")
    version, n_values, n_shingles = _HEADER.unpack_from(data)
    if version != SIGNATURE_VERSION:
        raise ValueError(f"a signature of version {version}, this eventwire compares version "
                         f"{SIGNATURE_VERSION}: recompute it from the text with signature(text)")
    if n_values != NUM_PERM or len(data) != _HEADER.size + 4 * n_values:
        raise ValueError(f"a truncated or foreign signature ({len(data)} bytes, {n_values} values): "
                         "recompute it from the text with signature(text)")
    hashvalues = np.frombuffer(data, dtype="<u4", offset=_HEADER.size).astype(np.uint32)
    return Signature(hashvalues, n_shingles)


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets (0.0 when either is empty)."""
    if not a.n_shingles or not b.n_shingles:
        return 0.0
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller text's shingles that the other one has."""
    return float(_containment(jaccard(a, b), a.n_shingles, b.n_shingles))


def _containment(j, n_a, n_b):
    # |A n B| = J |A u B| and |A u B| = |A| + |B| - |A n B|, so |A n B| = J (|A| + |B|) / (1 + J);
    # the estimate can overshoot 1 when J is overestimated
    smaller = np.maximum(np.minimum(n_a, n_b), 1)
    return np.minimum(j * (n_a + n_b) / ((1 + j) * smaller), 1.0)


def _same_story(matches, n_a, n_b):
    """The rule on arrays (or scalars): matching values of two signatures and their sizes."""
    j = matches / NUM_PERM
    contained = ((np.minimum(n_a, n_b) >= MIN_SHINGLES_CONTAINED) & (j >= MIN_JACCARD_CONTAINED)
                 & (_containment(j, n_a, n_b) >= MIN_CONTAINMENT))
    return ((j >= MIN_JACCARD) | contained) & (n_a > 0) & (n_b > 0)


def same_story(a: Signature, b: Signature) -> bool:
    """Whether two articles are copies or versions of one story (the rule in the docstring)."""
    matches = np.count_nonzero(a.hashvalues == b.hashvalues)
    return bool(_same_story(matches, a.n_shingles, b.n_shingles))


def candidate_pairs(hashvalues: np.ndarray) -> np.ndarray:
    """Rows (i, j), i < j, of the signatures (one a row) that share at least one band."""
    n = len(hashvalues)
    found = []
    for band in range(BANDS):
        columns = hashvalues[:, band * ROWS:(band + 1) * ROWS].astype(np.uint64)
        keys = (columns[:, 0] << np.uint64(32)) | columns[:, 1]
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        # A bucket is a run of equal keys: pair each member with every later one in its run,
        # all runs at once (a loop over buckets is slow when boilerplate makes many).
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, n])
        later = np.repeat(starts + sizes, sizes) - np.arange(n) - 1  # members after this one
        left = np.repeat(np.arange(n), later)
        right = left + 1 + np.arange(len(left)) - np.repeat(np.cumsum(later) - later, later)
        i, j = order[left].astype(np.int64), order[right].astype(np.int64)
        found.append(np.minimum(i, j) * n + np.maximum(i, j))  # one number a pair
    packed = np.sort(np.concatenate(found))
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]] if len(packed) else packed
    return np.stack([packed // n, packed % n], axis=1).astype(np.intp)


def stories(signatures: Mapping[K, Signature]) -> list[list[K]]:
    """Every key in exactly one group, near-duplicates together (transitively); groups sorted
    by their smallest key, keys sorted inside. Keys must be sortable (ids, strings)."""
    keys = sorted(signatures)
    if not keys:
        return []
    sigs = [signatures[key] for key in keys]
    sizes = np.fromiter((sig.n_shingles for sig in sigs), dtype=np.int64, count=len(sigs))
    hashvalues = np.stack([sig.hashvalues for sig in sigs]).astype(np.uint32, copy=False)
    # empty texts all have the same values: they would fill one bucket and never match anyway
    present = np.flatnonzero(sizes > 0)
    pairs = present[candidate_pairs(hashvalues[present])]
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for chunk in range(0, len(pairs), CHUNK):  # bounded memory however many candidates
        left, right = pairs[chunk:chunk + CHUNK, 0], pairs[chunk:chunk + CHUNK, 1]
        matches = np.count_nonzero(hashvalues[left] == hashvalues[right], axis=1)
        same = _same_story(matches, sizes[left], sizes[right])
        for i, j in zip(left[same].tolist(), right[same].tolist()):
            ri, rj = root(i), root(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[K]] = {}
    for index, key in enumerate(keys):  # keys are sorted, so each group is too, and the
        groups.setdefault(root(index), []).append(key)  # groups come in order of their first key
    return list(groups.values())
