"""Which token spans are candidate mentions: NER spans and gazetteer matches merged so no two
overlap, names after a title that NER missed, places in datelines and the places NER missed."""

from __future__ import annotations

from spacy.tokens import Doc

from ...knowledge.terms import AGENT, TITLE
from ...nlp.gazetteer import Match
from ...nlp.model import datelines
from ...nlp.syntax import trim
from ..base import Resources
from .claims import Candidate, Claims, label_for
from .place_names import missed_places
from .titles import title_chain

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def find_candidates(doc: Doc, resources: Resources) -> list[Candidate]:
    """The candidate mentions of the article, in text order."""
    claims = Claims()
    _take_ner_spans(doc, resources, claims)
    _take_dateline_places(doc, resources, claims)
    for match in resources.gazetteer.find(doc):
        _take_gazetteer_match(doc, resources, claims, match)
    for cand in _titled_names(doc, resources, claims.owner):
        claims.take(cand)
    for cand in missed_places(doc, resources, claims):
        claims.take(cand)
    _one_reading_per_name(doc, claims.taken)
    claims.taken.sort(key=lambda c: c.i)
    return claims.taken


def _take_dateline_places(doc: Doc, resources: Resources, claims: Claims) -> None:
    """ "HANOI (AP) —": the place a dateline opens with is a place even when NER found
    nothing there, if the place files know it."""
    for start, dash in datelines(doc):
        end = start
        while end < dash and doc[end].is_upper and doc[end].is_alpha:
            end += 1
        if end == start or any(k in claims.owner for k in range(start, end)):
            continue
        if resources.knowledge.places.candidates(doc[start:end].text.title()):
            claims.take(Candidate(start, end, "GPE"))


def _beside_a_number(doc: Doc, i: int) -> bool:
    return (i + 1 < len(doc) and doc[i + 1].like_num) or (i > 0 and doc[i - 1].like_num)


def _take_ner_spans(doc: Doc, resources: Resources, claims: Claims) -> None:
    dateline_tokens = {k for start, end in datelines(doc) for k in range(start, end)}
    months = resources.knowledge.timex.words.months
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        if len(ent) == 1 and ent.text.lower().rstrip(".") in months and _beside_a_number(doc, ent.start):
            continue  # "QUITO, May 2 (Reuters)", "on 3 May": a date, not a person or a place
        if ent.text.islower():
            continue  # "outside the congress building": a name has a capital letter somewhere
        if ent.start in dateline_tokens:
            # "LIMA (Reuters) -": the capitals are a place, whatever NER says.
            label = "ORG" if resources.knowledge.actors.lookup(ent.text) and ent.text[1:].islower() else "GPE"
            claims.take(Candidate(ent.start, ent.end, label))
            continue
        i, j = trim(doc, ent.start, ent.end)
        # "pro-Russian", "anti-American": the nationality is the word after the hyphen.
        if ent.label_ == "NORP" and j - i >= 3 and doc[i].lower_ in ("pro", "anti") and doc[i + 1].text == "-":
            i += 2
        if i >= j:
            continue
        for i, j in _split_at_dashes(doc, i, j):
            claims.take(Candidate(i, j, ent.label_))


def _split_at_dashes(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    """NER sometimes runs two names across a spaced dash ("Central Africa - Nigeria")."""
    parts, start = [], i
    for k in range(i, j):
        if doc[k].text in ("-", "–", "—") and doc[k].whitespace_ and k > i and doc[k - 1].whitespace_:
            if k > start:
                parts.append((start, k))
            start = k + 1
    if j > start:
        parts.append((start, j))
    return parts


def _take_gazetteer_match(doc: Doc, resources: Resources, claims: Claims, match: Match) -> None:
    """A known name NER missed is taken; one NER found the same way is marked as known; one
    longer than the NER spans inside it replaces them."""
    i, j = trim(doc, match.i, match.j)
    if i >= j:
        return
    owner = claims.owner
    covering = {id(owner[k]): owner[k] for k in range(i, j) if k in owner}
    if not covering:
        if not doc[i].text[:1].isupper():
            return  # "turkey", "chad": a known name in lower case is a word
        claims.take(Candidate(i, j, label_for(doc[i:j].text, match.kind, resources), match.kind))
        return
    inside = all(i <= c.i and c.j <= j for c in covering.values())
    if len(covering) == 1:
        cand = next(iter(covering.values()))
        if (cand.i, cand.j) == (i, j):
            cand.from_gazetteer = cand.from_gazetteer or match.kind
            return
    # A known name beats shorter NER spans inside it ("Ursula von der" + "Leyen",
    # "Democratic Republic" + "Congo").
    if inside and (j - i) > max(c.j - c.i for c in covering.values()):
        for cand in covering.values():
            claims.taken.remove(cand)
        claims.take(Candidate(i, j, label_for(doc[i:j].text, match.kind, resources), match.kind))


def _titled_names(doc: Doc, resources: Resources, owner: dict[int, Candidate]) -> list[Candidate]:
    """Proper names right after a title that NER did not tag ("lawmaker Daniela Ruiz")."""
    found = []
    k = 0
    while k < len(doc):
        token = doc[k]
        if token.pos_ != "PROPN" or k in owner or not token.text[:1].isupper():
            k += 1
            continue
        j = k
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in owner and doc[j].text[:1].isupper():
            j += 1
        if 2 <= j - k <= 4 and k > 0:
            chain_start, title = title_chain(doc, k, resources.knowledge)
            if title is not None:
                found.append(Candidate(k, j, "PERSON"))
                k = j
                continue
        if 2 <= j - k <= 4:
            # "Wanjiru Kamau, the opposition's presidential candidate,": a title in apposition.
            terms = resources.knowledge.terms
            apposed = [c for c in doc[j - 1].children if c.dep_ == "appos"]
            if any((t := terms.get(c.lower_) or terms.get(c.lemma_.lower())) is not None
                   and t.sectors and (TITLE in t.kinds or AGENT in t.kinds) for c in apposed):
                found.append(Candidate(k, j, "PERSON"))
        k = max(j, k + 1)
    return found


def _one_reading_per_name(doc: Doc, taken: list[Candidate]) -> None:
    """NER may call "Kharkiv" a place in one sentence and a person in the next; a place
    reading elsewhere in the article wins for an untitled name."""
    places = {doc[c.i:c.j].text for c in taken if c.label in ("GPE", "LOC", "FAC")}
    for cand in taken:
        if cand.label == "PERSON" and doc[cand.i:cand.j].text in places and cand.from_gazetteer is None:
            cand.label = next(c.label for c in taken if c.label in ("GPE", "LOC", "FAC")
                              and doc[c.i:c.j].text == doc[cand.i:cand.j].text)
