"""Near-duplicate articles grouped into stories (no model): copies, versions and truncations of
a real article are one story, different stories on one topic are not, short texts do not chain
stories together, signatures are stable, and the built corpus scores at least 0.95."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from eventwire.store import near_duplicates as nd
from tests.dedup_corpus import build, scores

DATA = Path(__file__).parent / "data"
SEED = (DATA / "seed" / "article.txt").read_text(encoding="utf-8")
AP_FOOTER = ("Copyright 2026 The Associated Press. All rights reserved. This material may not be published, "
             "broadcast, rewritten or redistributed without permission.")


def _text(path: str, id: str) -> str:
    for line in (DATA / path).read_text(encoding="utf-8").splitlines():
        if json.loads(line)["id"] == id:
            return json.loads(line)["text"]
    raise KeyError(id)


def _grouped(*texts: str) -> list[list[int]]:
    return nd.stories({n: nd.signature(text) for n, text in enumerate(texts)})


def test_near_duplicates_wire_copy_with_new_boilerplate_is_one_story():
    lines = SEED.splitlines()
    copy = "\n\n".join([
        "Zelensky ready to discuss neutrality as talks with Russia resume in Istanbul",  # the outlet's headline
        "By Elena Ruiz | The Daily Courier",
        *lines[1:],
        "Sign up for The Daily Courier morning newsletter to get the day's top stories.",
        AP_FOOTER,
    ]).replace("'", "’").replace('"', "“")
    assert nd.jaccard(nd.signature(SEED), nd.signature(copy)) > 0.8
    assert nd.same_story(nd.signature(SEED), nd.signature(copy))
    assert _grouped(SEED, copy) == [[0, 1]]


def test_near_duplicates_truncation_to_half_is_one_story_by_containment():
    words = SEED.split(" ")
    half = " ".join(words[:len(words) // 2]) + " ..."
    whole, cut = nd.signature(SEED), nd.signature(half)
    # Jaccard alone would not do: the half shares only about half the shingles of the whole
    assert 0.35 < nd.jaccard(whole, cut) < nd.MIN_JACCARD
    assert nd.containment(whole, cut) > 0.85
    assert _grouped(SEED, half) == [[0, 1]]


def test_near_duplicates_updated_version_is_one_story():
    lines = SEED.splitlines()
    update = "\n".join(["UPDATE 1-" + lines[0]] + lines[1:4] + [
        "Ukraine's delegation arrived in Istanbul late on Monday, a foreign ministry spokesman said."]
        + lines[5:]).replace("Monday", "Tuesday", 1)
    assert _grouped(SEED, update) == [[0, 1]]


def test_near_duplicates_same_topic_sharing_a_quote_and_footer_are_two_stories():
    # two AP stories of Russian drones cutting Ukraine's power, a day apart; the second quotes
    # the first's governor, and both end in the AP's footer
    first = _text("quotes/heldout.jsonl", "heldout-01-wire-ukraine-power") + "\n" + AP_FOOTER
    second = _text("quotes/heldout3.jsonl", "q3-002").replace(
        "Moscow has denied", '"The enemy is counting on us to freeze," Regional Governor Oksana Hrytsenko wrote on '
        'Telegram. "It will not happen."\nMoscow has denied') + "\n" + AP_FOOTER
    a, b = nd.signature(first), nd.signature(second)
    assert 0.05 < nd.containment(a, b) < nd.MIN_CONTAINMENT  # they do share text, not enough of it
    assert not nd.same_story(a, b)
    assert _grouped(first, second) == [[0], [1]]


def test_near_duplicates_short_text_inside_others_does_not_chain_them():
    # a page whose extraction kept only the footer is contained in both briefs, but must not
    # join them (or itself) into one story
    brief_a = "NAIROBI (AP) — Kenya's central bank held its benchmark rate at 13 % on Tuesday.\n" + AP_FOOTER
    brief_b = "LIMA (AP) — Peru's congress voted on Thursday to remove the president after weeks of protests.\n" + AP_FOOTER
    footer = nd.signature(AP_FOOTER)
    assert footer.n_shingles < nd.MIN_SHINGLES_CONTAINED
    assert nd.containment(footer, nd.signature(brief_a)) > 0.9
    assert _grouped(AP_FOOTER, brief_a, brief_b) == [[0], [1], [2]]


def test_near_duplicates_containment_from_a_few_matching_values_is_not_trusted():
    # A brief against a long article: a handful of equal values (J ~ 0.04) times a large size
    # ratio gives a containment over the threshold by chance. The Jaccard floor rejects it.
    articles = build(seed=1)
    sigs = [nd.signature(a.text) for a in articles]
    hashvalues = np.stack([s.hashvalues for s in sigs])
    sizes = np.array([s.n_shingles for s in sigs])
    matches = (hashvalues[:, None, :] == hashvalues[None, :, :]).sum(axis=2)
    j = matches / nd.NUM_PERM
    smaller = np.minimum.outer(sizes, sizes)
    estimate = np.minimum(j * np.add.outer(sizes, sizes) / ((1 + j) * np.maximum(smaller, 1)), 1.0)
    stories = np.array([a.story for a in articles])
    chance = (stories[:, None] != stories[None, :]) & (j < nd.MIN_JACCARD_CONTAINED) & (smaller >= 25)
    n, m = np.unravel_index(np.argmax(np.where(chance, estimate, 0)), estimate.shape)
    assert nd.containment(sigs[n], sigs[m]) >= nd.MIN_CONTAINMENT, (articles[n].id, articles[m].id)
    assert not nd.same_story(sigs[n], sigs[m])


@pytest.mark.parametrize("a, b, same", [
    ("Markets closed.", "MARKETS  closed!", True),  # one shingle each, the same after normalising
    ("Markets closed.", "Markets opened.", False),
    ("", "", False),  # no words: nothing to compare
    ("Ceasefire agreed", "", False),
])
def test_near_duplicates_very_short_texts(a, b, same):
    assert nd.same_story(nd.signature(a), nd.signature(b)) is same
    assert (_grouped(a, b) == [[0, 1]]) is same


def test_near_duplicates_text_normalisation():
    assert nd.words("“Ceasefire,” he said — ’twas ﬁnal.") == ["ceasefire", "he", "said", "twas", "final"]
    assert nd.signature("Ukraine’s “ceasefire”  talks\nresume in Istanbul").hashvalues.tolist() == \
        nd.signature('UKRAINE\'S "ceasefire" talks resume in Istanbul').hashvalues.tolist()


def test_near_duplicates_signature_is_deterministic_and_round_trips():
    sig = nd.signature(SEED)
    assert sig.hashvalues.dtype == np.uint32 and len(sig.hashvalues) == nd.NUM_PERM
    assert np.array_equal(sig.hashvalues, nd.signature(SEED).hashvalues)
    data = nd.signature_to_bytes(sig)
    assert len(data) == 7 + 4 * nd.NUM_PERM
    back = nd.signature_from_bytes(data)
    assert np.array_equal(back.hashvalues, sig.hashvalues) and back.n_shingles == sig.n_shingles
    # another process (another hash seed for str) computes the same bytes
    code = ("import sys; from eventwire.store import near_duplicates as nd; "
            "sys.stdout.write(nd.signature_to_bytes(nd.signature(sys.stdin.read())).hex())")
    other = subprocess.run([sys.executable, "-c", code], input=SEED, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert bytes.fromhex(other.stdout) == data


def test_near_duplicates_signature_changes_only_with_its_version():
    # If this fails, the signature of a text changed: stored signatures no longer compare with
    # new ones. Bump SIGNATURE_VERSION (so stores recompute them), then update the digest here.
    digest = hashlib.sha256(nd.signature_to_bytes(nd.signature(SEED))).hexdigest()[:16]
    assert (nd.SIGNATURE_VERSION, digest) == (1, "a0ea641e93914879")


def test_near_duplicates_stale_or_foreign_bytes_are_refused():
    data = bytearray(nd.signature_to_bytes(nd.signature(SEED)))
    stale = bytes([nd.SIGNATURE_VERSION + 1]) + bytes(data[1:])
    with pytest.raises(ValueError, match="recompute"):
        nd.signature_from_bytes(stale)
    with pytest.raises(ValueError, match="recompute"):
        nd.signature_from_bytes(bytes(data[:-4]))
    with pytest.raises(ValueError, match="recompute"):
        nd.signature_from_bytes(b"\x01")


def test_near_duplicates_stories_partition_the_keys_in_order():
    words = SEED.split(" ")
    texts = {"k": SEED, "b": "Floods displaced thousands of families in northern Kenya this week, aid agencies said.",
             "c": " ".join(words[:len(words) * 2 // 3]), "a": "", "d": SEED.replace("Monday", "Tuesday")}
    groups = nd.stories({key: nd.signature(text) for key, text in texts.items()})
    assert groups == [["a"], ["b"], ["c", "d", "k"]]
    assert nd.stories({}) == []


def test_near_duplicates_bands_find_what_datasketch_lsh_finds():
    from datasketch import LeanMinHash, MinHashLSH

    articles = build(seed=5, stories=12)
    hashvalues = np.stack([nd.signature(a.text).hashvalues for a in articles])
    lsh = MinHashLSH(num_perm=nd.NUM_PERM, params=(nd.BANDS, nd.ROWS))
    sketches = [LeanMinHash(seed=1, hashvalues=h, scheme="affine32") for h in hashvalues]
    for n, sketch in enumerate(sketches):
        lsh.insert(n, sketch)
    expected = {(min(n, m), max(n, m)) for n, sketch in enumerate(sketches) for m in lsh.query(sketch) if m != n}
    found = {tuple(pair) for pair in nd.candidate_pairs(hashvalues).tolist()}
    assert len(found) > len(articles)  # copies and versions share bands
    assert found == expected


def test_near_duplicates_stories_agree_with_the_pairwise_rule():
    articles = build(seed=6, stories=10)
    sigs = [nd.signature(a.text) for a in articles]
    group_of = {n: g for g, members in enumerate(nd.stories(dict(enumerate(sigs)))) for n in members}
    for n in range(len(sigs)):
        for m in range(n + 1, len(sigs)):
            if nd.same_story(sigs[n], sigs[m]):
                assert group_of[n] == group_of[m], (articles[n].id, articles[m].id)


def test_near_duplicates_small_corpus_precision_and_recall():
    articles = build(seed=3, stories=18)
    assert 50 <= len(articles) <= 120
    groups = nd.stories({a.id: nd.signature(a.text) for a in articles})
    score = scores(groups, articles)["all"]
    assert score.true > 50
    assert score.precision >= 0.95 and score.recall >= 0.95, score


def test_near_duplicates_module_needs_neither_spacy_nor_sqlalchemy():
    path = Path(nd.__file__)
    code = ("import importlib.util, sys\n"
            f"spec = importlib.util.spec_from_file_location('near_duplicates', {str(path)!r})\n"
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
            "module.stories({1: module.signature('a b c d e f'), 2: module.signature('a b c d e f')})\n"
            "print(sorted(m for m in ('spacy', 'sqlalchemy', 'datasketch', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
