"""Places the gazetteer lacks (a street, a square, a camp) placed at the place that contains them."""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Toponym
from ...knowledge.places import CITY, COUNTRY, REGION
from ...nlp.syntax import sentence_start
from ..base import Resources
from .mentions import ORGANISATION

CONTAINER = "container"  # a place the gazetteer lacks, at the place that contains it
SPECIFIC = {CITY: 3, REGION: 2, COUNTRY: 1}


def place_within(doc: Doc, found: list[Toponym], resources: Resources) -> None:
    """A toponym the gazetteer lacks that the text shows to be a place — a facility or an area
    (NER's FAC, LOC: "Oxford Street", "Tahrir Square"), or a name after a locative preposition
    ("in Kibera") — takes the place that contains it, marked via `container`: a place written
    right after it ("Kibera, Nairobi", "Fort Hood, Texas", "Grenfell Tower in London"), else the
    sentence's most specific city or province. Without one it stays unplaced."""
    locative = resources.knowledge.words("actors", "locative")
    # a place read inside an organisation's name contains too ("the Municipal Corporation of
    # Greater Mumbai ... Mahim Bay"); a people's word does not
    placed = [t for t in found if t.place is not None and t.via in (None, ORGANISATION) and t.place.feature in SPECIFIC]
    for toponym in found:
        if toponym.place is not None:
            continue
        kind = toponym.entity.type if toponym.entity is not None else None
        if not (kind in ("FAC", "LOC") or (toponym.i > 0 and doc[toponym.i - 1].lower_ in locative)):
            continue
        if any(t.is_lower and t.is_alpha and not t.is_stop for t in doc[toponym.i:toponym.j]):
            continue  # a proper name is capitalised: "Easter weekend" is no facility
        start = sentence_start(doc, toponym.i)
        same = [t for t in placed if sentence_start(doc, t.i) == start]
        after = [t for t in same if toponym.j <= t.i <= toponym.j + 2]  # "Kibera, Nairobi", "Tower in London"
        inside = [t for t in same if t.place.feature in (CITY, REGION) and t.place.country]
        if after:
            container = after[0]
        elif inside:  # no country nor continent: "the Indian Ocean" does not lie in Kenya
            container = max(inside, key=lambda t: (SPECIFIC[t.place.feature], -abs(t.i - toponym.i)))
        else:
            continue
        toponym.place, toponym.via = container.place, CONTAINER
