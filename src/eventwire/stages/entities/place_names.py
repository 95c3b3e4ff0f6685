"""Which names are places the model missed or mislabelled.

A name NER called an organisation, person or group is a place when it is a country,
province or well-known region (and nobody's name), or a known place where the sentence
says a place is meant. Untagged capitalised names are places where the sentence says so:
after "in", "at", "near"..., after "the town of", before "province", before ", <place>",
or in a list with other places ("Migori, Homa Bay, Rongo and Kisumu").
"""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH, POS
from spacy.tokens import Doc

from ...knowledge.terms import AGENT
from ...nlp.gazetteer import COUNTRY
from ..base import Resources
from .claims import Candidate, Claims, label_for
from .titles import title_chain

# The words that say a name is a place are lexicon.toml's [places] lists (cue prepositions,
# place nouns, site nouns, "of" place words), which the places stage reads too.
JOINERS = {"do", "de", "da", "del", "dos", "das", "la", "le", "les", "of", "on", "upon", "al", "el", "-"}
BIG_CITY = 100_000


class PlaceCues:
    """Whether the words around a name say a place is meant. Token attributes are read once:
    indexing a Doc builds a Token object each time."""

    def __init__(self, doc: Doc, owner: dict[int, Candidate], resources: Resources):
        words = resources.knowledge.words
        self.cue_preps, self.of_place = words("places", "cue_prepositions"), words("places", "of_place")
        self.place_nouns, self.site_nouns = words("places", "place_nouns"), words("places", "site_nouns")
        self.length = len(doc)
        strings, cache = doc.vocab.strings, {}
        rows = doc.to_array([LOWER, POS, ORTH]).tolist()  # arrays, not a Token object per word
        self.lower = [cache.get(lower) or cache.setdefault(lower, strings[lower]) for lower, _, _ in rows]
        self.pos = [cache.get(pos) or cache.setdefault(pos, strings[pos]) for _, pos, _ in rows]
        self.capital = [(cache.get(orth) or cache.setdefault(orth, strings[orth]))[:1].isupper() for _, _, orth in rows]
        self.name_like = [p == "PROPN" and c for p, c in zip(self.pos, self.capital)]
        self.owner = owner  # the candidates taken before this step
        self.claimed: dict[int, Candidate] = {}  # the untagged names this step reads as places

    def is_place(self, k: int) -> bool:
        cand = self.owner.get(k) or self.claimed.get(k)
        return cand is not None and cand.label in ("GPE", "LOC", "FAC")

    def says_place(self, k: int, j: int) -> bool:
        """Whether the words around doc[k:j] say it is a place."""
        lower, pos = self.lower, self.pos
        before = lower[k - 1] if k > 0 else ""
        if before in self.cue_preps or (before == "the" and k >= 2 and lower[k - 2] in self.cue_preps):
            return True
        if j < self.length and pos[j] == "NOUN" and (lower[j] in self.place_nouns or lower[j] in self.site_nouns):
            return True
        if before == "of" and k >= 2 and (lower[k - 2] in self.place_nouns or lower[k - 2] in self.of_place):
            return True
        if j + 1 < self.length and lower[j] in (",", "and", "or") and self.is_place(j + 1):
            return True
        return before in (",", "and", "or") and k >= 2 and (
            self.is_place(k - 2) or (lower[k - 2] == "," and self.is_place(k - 3)))


def missed_places(doc: Doc, resources: Resources, claims: Claims) -> list[Candidate]:
    """Repair the places among the candidates taken (in place), and return the untagged names
    that are places."""
    cues = PlaceCues(doc, claims.owner, resources)
    _rejoin_cut_places(doc, resources, claims)
    _complete_partial_places(doc, resources, claims, cues)
    _relabel_places(doc, resources, claims, cues)
    _relabel_titled_places(doc, resources, claims)
    return _untagged_places(doc, resources, claims, cues)


def _is_known_place(resources: Resources, text: str) -> bool:
    places = resources.knowledge.places
    return any(places.bears(text, p) for p in places.candidates(text)) and not resources.knowledge.actors.lookup(text)


def _rejoin_cut_places(doc: Doc, resources: Resources, claims: Claims) -> None:
    """NER cut one place name in two ("Goz" + "Beida", "Mashonaland" + "West"): rejoin it."""
    taken = claims.taken
    ordered = sorted(taken, key=lambda c: c.i)
    for a, b in zip(ordered, ordered[1:]):
        if a.j == b.i and a.from_gazetteer is None and b.from_gazetteer is None and a in taken and b in taken:
            if _is_known_place(resources, doc[a.i:b.j].text):
                taken.remove(b)
                a.j, a.label = b.j, "GPE"
                claims.hold(a)


def _complete_partial_places(doc: Doc, resources: Resources, claims: Claims, cues: PlaceCues) -> None:
    """NER tagged only part of a place name ("Goz" left out of "Goz Beida"): grow it."""
    owner = claims.owner
    for cand in claims.taken:
        if cand.from_gazetteer is not None or cand.label not in ("GPE", "LOC", "ORG", "PERSON", "NORP"):
            continue
        for i, j in ((cand.i - 1, cand.j), (cand.i, cand.j + 1), (cand.i - 2, cand.j), (cand.i, cand.j + 2)):
            if i < 0 or j > cues.length or any(m in owner and owner[m] is not cand for m in range(i, j)):
                continue
            added = [m for m in range(i, j) if not cand.i <= m < cand.j]
            # "Rio Grande" + "do Sul": joining words may be lower case, the name's ends not
            if not all(cues.name_like[m] or cues.lower[m] in JOINERS for m in added) \
                    or not cues.capital[i] or not cues.capital[j - 1]:
                continue
            if _is_known_place(resources, doc[i:j].text):
                cand.i, cand.j, cand.label = i, j, "GPE"
                claims.hold(cand)
                break


def _relabel_places(doc: Doc, resources: Resources, claims: Claims, cues: PlaceCues) -> None:
    """An organisation, person or group NER found that is a place: a country form, a strong
    place name, or a known place where the sentence says a place is meant."""
    places = resources.knowledge.places
    actors = resources.knowledge.actors
    for cand in sorted(claims.taken, key=lambda c: c.i):
        if cand.label not in ("ORG", "PERSON", "NORP"):
            continue
        text = doc[cand.i:cand.j].text
        if cand.from_gazetteer == COUNTRY:
            cand.label = label_for(text, COUNTRY, resources)
            continue
        if cand.from_gazetteer is not None or actors.lookup(text):
            continue
        found = places.candidates(text)
        if not found:
            continue
        # A group word ("Pacific" in "Pacific climate envoy") is a place only in a place's slot.
        strong = cand.label != "NORP" and (any(p.feature in ("country", "region") for p in found) or (
            cand.label == "ORG" and any(p.feature == "city" and p.population >= BIG_CITY for p in found)))
        if cand.label == "PERSON" and title_chain(doc, cand.i, resources.knowledge)[1] is not None:
            strong = False
        last = doc[cand.j - 1]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.pos_ == "NOUN":
            strong = False  # "Pacific climate envoy": a modifier names a group or scope
        if strong or cues.says_place(cand.i, cand.j):
            cand.label = "GPE"


def _relabel_titled_places(doc: Doc, resources: Resources, claims: Claims) -> None:
    """A place's name right after a title or an honorific is a person's ("Mr Kingston said",
    "Senator Murray", "Judge Sydney Stein"), whatever NER or the gazetteer said."""
    honorifics = resources.knowledge.words("titles", "honorifics")
    for cand in claims.taken:
        if cand.label not in ("GPE", "LOC") or cand.i == 0 or not doc[cand.i].text[:1].isupper():
            continue
        before = doc[cand.i - 1]
        if before.lower_ in honorifics or (before.text[:1].isupper() and
                                           title_chain(doc, cand.i, resources.knowledge)[1] is not None):
            cand.label = "PERSON"
            cand.from_gazetteer = None


def _untagged_places(doc: Doc, resources: Resources, claims: Claims, cues: PlaceCues) -> list[Candidate]:
    """Runs of capitalised names nobody tagged that are known places, where the sentence says
    a place is meant or the place is a province or well-known region."""
    places = resources.knowledge.places
    owner = claims.owner
    found_places = []
    k = 0
    while k < cues.length:
        if k in owner or not cues.name_like[k]:
            k += 1
            continue
        j = k
        while j < cues.length and j - k < 4 and j not in owner and cues.name_like[j]:
            j += 1
        # the longest run that is a known place, where the sentence says a place is meant
        for end in range(j, k, -1):
            known = places.candidates(doc[k:end].text)
            # a well-known region or a province is a place wherever it is named ("drought
            # gripped the Sahel", "the NSW minister")
            if known and (cues.says_place(k, end) or any(p.source.startswith("regions.tsv") or p.kind == "admin1"
                                                         for p in known)):
                cand = Candidate(k, end, "GPE")
                found_places.append(cand)
                for m in range(k, end):
                    cues.claimed[m] = cand
                j = end
                break
        else:
            named = _named_for_its_place(doc, resources, k, j)
            if named is not None:
                found_places.append(named)
        k = max(j, k + 1)
    return found_places


def _named_for_its_place(doc: Doc, resources: Resources, k: int, j: int) -> Candidate | None:
    """An untagged name that begins with a known place and ends in an institution's word
    ("the Peshawar High Court", "Nakuru County Assembly") or, after a big place, in a plural
    name ("the Toronto Raptors"): an organisation, named for its place (the places stage
    takes the place from inside it)."""
    if j - k < 2:
        return None
    last = doc[j - 1]
    term = resources.knowledge.terms.get(last.lower_) or resources.knowledge.terms.get(last.lemma_.lower())
    words = resources.knowledge.words
    institution = (term is not None and AGENT in term.kinds) or last.lower_ in words("places", "place_nouns") \
        or last.lower_ in words("places", "site_nouns")
    if not institution and last.tag_ != "NNPS":
        return None
    places = resources.knowledge.places
    for m in range(j - 1, k, -1):
        text = doc[k:m].text
        if any(places.bears(text, p) and (institution or p.feature != "city" or p.population >= BIG_CITY)
               for p in places.candidates(text)):
            return Candidate(k, j, "ORG")
    return None
