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

from ...nlp.gazetteer import COUNTRY
from ..base import Resources
from .claims import Candidate, Claims, label_for
from .titles import title_chain

# Prepositions that say the name after them is a place ("in Torun", "from the Sahel").
PLACE_CUE_PREPS = {"in", "at", "near", "from", "to", "outside", "across", "into", "around", "throughout",
                   "toward", "towards", "inside", "within", "between", "via", "through"}
# "the town of Torun", "the island of Java"; "Masvingo province", "Dhule district"
PLACE_NOUNS = {"town", "village", "city", "province", "state", "county", "district", "region", "island",
               "capital", "municipality", "prefecture", "governorate", "township", "territory", "port",
               "suburb", "community", "islands", "provinces", "states", "districts", "counties", "regions"}
# "the Da Nang airport", "the Dadaab camps": a name before these is where they are
SITE_NOUNS = {"airport", "area", "camp", "camps", "port", "harbour", "harbor", "valley", "delta", "coast",
              "border", "district", "region", "countryside", "outskirts", "suburbs", "resident", "residents",
              "townspeople", "villagers", "townsfolk"}
# "a resident of Torun", "the mayor of Dogubayazit"
OF_PLACE = {"area", "areas", "resident", "residents", "native", "natives", "mayor", "governor", "outskirts", "centre", "center",
            "people", "citizens", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
JOINERS = {"do", "de", "da", "del", "dos", "das", "la", "le", "les", "of", "on", "upon", "al", "el", "-"}
BIG_CITY = 100_000


class PlaceCues:
    """Whether the words around a name say a place is meant. Token attributes are read once:
    indexing a Doc builds a Token object each time."""

    def __init__(self, doc: Doc, owner: dict[int, Candidate]):
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
        if before in PLACE_CUE_PREPS or (before == "the" and k >= 2 and lower[k - 2] in PLACE_CUE_PREPS):
            return True
        if j < self.length and pos[j] == "NOUN" and (lower[j] in PLACE_NOUNS or lower[j] in SITE_NOUNS):
            return True
        if before == "of" and k >= 2 and (lower[k - 2] in PLACE_NOUNS or lower[k - 2] in OF_PLACE):
            return True
        if j + 1 < self.length and lower[j] in (",", "and", "or") and self.is_place(j + 1):
            return True
        return before in (",", "and", "or") and k >= 2 and (
            self.is_place(k - 2) or (lower[k - 2] == "," and self.is_place(k - 3)))


def missed_places(doc: Doc, resources: Resources, claims: Claims) -> list[Candidate]:
    """Repair the places among the candidates taken (in place), and return the untagged names
    that are places."""
    cues = PlaceCues(doc, claims.owner)
    _rejoin_cut_places(doc, resources, claims)
    _complete_partial_places(doc, resources, claims, cues)
    _relabel_places(doc, resources, claims, cues)
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
        k = max(j, k + 1)
    return found_places
