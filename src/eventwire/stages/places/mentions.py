"""Which words of an article name a place: place and country names, capitals standing for
their governments, the words for a place's people ("Israeli", "Texans"), and a place named
inside an organisation's name ("the Kenyan High Court")."""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Entity, Mention
from ...knowledge.places import COUNTRY, REGION
from ...nlp.syntax import text_of
from ..base import Resources

ADJECTIVE, DEMONYM = "adjective", "demonym"  # mentions that name a place's people or things
PEOPLE_ENDINGS = ("an", "ans", "ese", "ish", "i", "is")  # of English words for peoples and their things


def toponym_mentions(doc: Doc, resources: Resources | None = None) -> list[tuple[Entity | None, Mention]]:
    """Place mentions in reading order: names of places and countries, capitals used for
    their governments, and the words for a place's people or things ("Israeli troops",
    "Syrians", "a Texan rancher": kind `adjective` or `demonym`, placed at their country or
    province); not pronouns. A place named inside an organisation's name counts too ("U.S.
    Centers for Disease Control")."""
    out = []
    for entity in doc._.layers.entities:
        if entity.type in ("GPE", "LOC", "FAC"):
            for mention in entity.mentions:
                if mention.kind in ("name", "metonym") or (entity.nation is not None and mention.kind in (ADJECTIVE, DEMONYM)):
                    out.append((entity, mention))
        elif entity.type in ("ORG", "NORP", "PERSON") and resources is not None:
            for mention in entity.mentions:
                if mention.kind != "name":
                    continue
                # a group's name that is a place's people ("Texans"); NER reads a lone one as an
                # organisation or a person now and then ("Minnesotan voters")
                if (entity.type == "NORP" or mention.j - mention.i == 1) and \
                        resources.knowledge.places.demonym(text_of(doc)[mention.start:mention.end]):
                    out.append((None, Mention(mention.start, mention.end, mention.i, mention.j, DEMONYM)))
                    continue
                if _named_for_place(doc, entity, mention, resources):
                    out.append((None, mention))
                    continue
                inner = _place_inside(doc, mention, resources) if entity.type == "ORG" else None
                if inner is not None:
                    out.append((inner[0], inner[1]))
    out.sort(key=lambda pair: pair[1].start)
    return out


def _named_for_place(doc: Doc, entity: Entity, mention: Mention, resources: Resources) -> bool:
    """A name NER took for an organisation, group or person that is a known place, used
    to qualify something there ("the Pirbright laboratory", "Kenya's Dadaab camps", "the
    NSW government"). The entity keeps its reading; the places layer gets the toponym."""
    if entity.known is not None or entity.title:
        return False
    last = doc[mention.j - 1]
    if not (last.dep_ in ("compound", "nmod", "amod") and last.head.pos_ == "NOUN"):
        return False
    name = text_of(doc)[mention.start:mention.end]
    places = resources.knowledge.places
    found = [p for p in places.candidates(name) if places.bears(name, p)]
    # People: only a big place outweighs NER; so for a group whose name has the ending of a
    # people's word ("Catalan" is no Çatalan, Turkey), but not for "a Longview woman"
    if entity.type == "PERSON" or (entity.type == "NORP" and name.endswith(PEOPLE_ENDINGS)):
        return any(p.feature in (COUNTRY, REGION) or p.population >= 100_000 for p in found)
    return bool(found)


def _place_inside(doc: Doc, mention: Mention, resources: Resources, smallest: int = 100_000):
    """The country or place at the start or end of an organisation's or a facility's
    name: for organisations only a big one (`smallest` people, a province or a region)."""
    countries = resources.knowledge.countries
    places = resources.knowledge.places
    tokens = doc[mention.i:mention.j]
    if len(tokens) < 2:
        return None
    for n in range(min(6, len(tokens) - 1), 0, -1):  # longest first: "People's Republic of China"
        for part in (tokens[:n], tokens[len(tokens) - n:]):
            text = part.text
            found = countries.lookup(text)
            if found is not None and found[1] == "name":
                entity = next((e for e in doc._.layers.entities if e.nation is found[0]), None)
                return entity, Mention(part.start_char, part.end_char, part.start, part.end, "name")
            if found is not None and found[1] == ADJECTIVE and part.start == tokens.start:
                # "the Nigerian Army", "the Kenyan High Court": the country, by its adjective
                entity = next((e for e in doc._.layers.entities if e.nation is found[0]), None)
                return entity, Mention(part.start_char, part.end_char, part.start, part.end, ADJECTIVE)
            # a big place at the start ("Texas Department of Health") or the end ("CDC Atlanta")
            if any(p.feature != COUNTRY and (p.population >= smallest or p.kind == "admin1" or p.source.startswith("regions.tsv"))
                   and places.bears(text, p) for p in places.candidates(text)):
                return None, Mention(part.start_char, part.end_char, part.start, part.end, "name")
    return None
