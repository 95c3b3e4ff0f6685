"""Which words of an article name a place: place and country names, capitals standing for
their governments, the words for a place's people ("Israeli", "Texans"), a place named inside
an organisation's name ("the Kenyan High Court", "the University of Nairobi", "in the EU");
not the start of a name that is no place ("Victoria Day", "a Danish pastry", "HMS Belfast").

Inside an organisation's name a country, its adjective ("the Royal Thai Police") or a province
is taken wherever it stands; a city or town at the name's start or end ("Mumbai Police",
"Children's Hospital of Philadelphia") when the name is an institution of a place (its head
an agent noun such as police, court, university, ministry, or a place noun such as county,
port, airport), else only a city of 100,000 people ("Manchester United", "Tokyo Electric
Power"). The organisation keeps its own reading as an actor."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...document.layers import Entity, Mention
from ...knowledge.places import COUNTRY, REGION
from ...knowledge.terms import AGENT, TITLE
from ...nlp.syntax import text_of
from ..base import Resources

ADJECTIVE, DEMONYM = "adjective", "demonym"  # mentions that name a place's people or things
ORGANISATION = "organisation"  # a toponym's `via` when the place was read inside an organisation's name
PEOPLE_ENDINGS = ("an", "ans", "ese", "ish", "i", "is")  # of English words for peoples and their things
BIG_CITY = 100_000
# "five EU countries", "EU member states": the organisation's territory
TERRITORY_NOUNS = {"country", "countries", "member", "members", "nation", "nations", "state", "states",
                   "territory", "border", "borders", "market", "soil", "citizens", "capitals"}


@dataclass
class InsideName(Mention):
    """A place read inside an organisation's name: its toponym says so (via `organisation`)."""


def toponym_mentions(doc: Doc, resources: Resources | None = None) -> list[tuple[Entity | None, Mention]]:
    """Place mentions in reading order: names of places and countries, capitals used for
    their governments, and the words for a place's people or things ("Israeli troops",
    "Syrians", "a Texan rancher": kind `adjective` or `demonym`, placed at their country or
    province); not pronouns. A place named inside an organisation's name counts too ("U.S.
    Centers for Disease Control"), as an `InsideName`."""
    out = []
    for entity in doc._.layers.entities:
        if entity.type in ("GPE", "LOC", "FAC"):
            for mention in entity.mentions:
                inner = _inside_unknown_name(doc, entity, mention, resources)
                if inner is not None:
                    out.append(inner)
                elif mention.kind in ("name", "metonym") or (entity.nation is not None and mention.kind in (ADJECTIVE, DEMONYM)):
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
                if _named_for_place(doc, entity, mention, resources) or _territory(doc, entity, mention, resources):
                    out.append((None, mention))
                    continue
                inner = _place_inside(doc, mention, resources) if entity.type == "ORG" else None
                if inner is not None:
                    out.append((inner[0], inner[1]))
    if resources is not None:
        out = [(entity, mention) for entity, mention in out if not _names_no_place(doc, mention, resources)]
    out.sort(key=lambda pair: pair[1].start)
    return out


def _names_no_place(doc: Doc, mention: Mention, resources: Resources) -> bool:
    """The mention begins a longer name that is no place ("Victoria Day", "Danish pastry",
    "Brussels sprouts"), or names a ship ("HMS Belfast")."""
    named = resources.knowledge.named_for_places
    if mention.i > 0 and doc[mention.i - 1].text in named.ship_prefixes:
        return True
    text = text_of(doc)
    found = named.name_at(text, mention.start)
    if found is None or len(found[0]) <= mention.end - mention.start:
        return False
    # the words after the place must be read as a name here, not as the sentence going on:
    # "a China rose" is a plant, "Exports from China rose" a verb
    end = mention.start + len(found[0])
    rest = [t for t in doc[mention.j:] if t.idx < end]
    return not any(t.pos_ in ("VERB", "AUX") for t in rest)


def _inside_unknown_name(doc: Doc, entity: Entity, mention: Mention, resources: Resources | None):
    """NER read an institution's name as a place ("the Metropolitan Municipality of Izmir",
    "Santa Ana City Council"):
    the place named inside it, when the place files do not know the whole name."""
    if resources is None or entity.type != "GPE" or entity.nation is not None or mention.kind != "name" \
            or mention.j - mention.i < 2:  # a facility or street the place files lack takes its container
        return None
    tokens = doc[mention.i:mention.j]
    terms, place_nouns = resources.knowledge.terms, resources.knowledge.words("places", "place_nouns")
    # an agent noun ("Ministry", not a title: "West Prince") or a division's ("City of Santa Ana"),
    # not a site's ("the Indian Ocean coast" is a place of its own)
    if not any(((term := terms.get(t.lower_)) is not None and AGENT in term.kinds and TITLE not in term.kinds)
               or t.lower_ in place_nouns for t in tokens) \
            or resources.knowledge.places.candidates(tokens.text):
        return None
    return _place_inside(doc, mention, resources)


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
        return any(p.feature in (COUNTRY, REGION) or p.population >= BIG_CITY for p in found)
    return bool(found)


def _territory(doc: Doc, entity: Entity, mention: Mention, resources: Resources) -> bool:
    """An organisation that is also a territory the place files know (the EU), where the
    sentence says the territory is meant: "in the EU", "outside the European Union", "five
    EU countries"; not "the EU said" nor "EU sanctions"."""
    if entity.type != "ORG" or entity.known is None:
        return False
    name = text_of(doc)[mention.start:mention.end]
    places = resources.knowledge.places
    if not any(p.feature != COUNTRY and places.bears(name, p) for p in places.candidates(name)):
        return False
    k = mention.i - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    words = resources.knowledge.words
    if k >= 0 and (doc[k].lower_ in words("places", "cue_prepositions") or doc[k].lower_ in ("join", "joined", "joins", "joining",
                                                                         "leave", "left", "leaves", "leaving")):
        return True
    if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in words("places", "of_place"):
        return True
    last = doc[mention.j - 1]
    return last.dep_ in ("compound", "nmod", "amod") and last.head.lower_ in TERRITORY_NOUNS


def _place_inside(doc: Doc, mention: Mention, resources: Resources):
    """The country or place named inside an organisation's or a facility's name (see the
    module's docstring): (its country's entity or None, an `InsideName`), or None."""
    places = resources.knowledge.places
    actors = resources.knowledge.actors
    tokens = doc[mention.i:mention.j]
    if len(tokens) < 2:
        return None
    heads = {t.i for t in tokens if _is_institution_word(t, resources)}
    longest = min(6, len(tokens) - 1)
    for n in range(longest, 0, -1):  # longest first: "People's Republic of China", "Mexico City"
        for part in (tokens[:n], tokens[len(tokens) - n:]):
            found = _country_in(part, doc, resources)
            if found is not None:
                return found
            text = part.text
            if not text[:1].isupper() or all(t.i in heads for t in part) or part[0].lower_ in ("of", "the") \
                    or part[-1].lower_ == "of" \
                    or actors.lookup(text):
                continue  # "EU Commission": a known organisation inside the name
            # a province or big place at the start ("Texas Department of Health") or the end ("CDC
            # Atlanta"); any known place next to an institution's word ("Killeen Police", "University of Ibadan")
            if part.start == tokens.start:
                beside = part.end in heads
            else:
                k = part.start - 1 - (doc[part.start - 1].lower_ == "the")
                beside = doc[k].lower_ == "of" and k - 1 in heads
            if any(places.bears(text, p) and (beside or p.feature == COUNTRY or p.population >= BIG_CITY
                                               or p.kind == "admin1" or p.source.startswith("regions.tsv"))
                   for p in places.candidates(text)):
                return None, InsideName(part.start_char, part.end_char, part.start, part.end, "name")
    # a country or its adjective within the name: "the Royal Thai Police"
    for n in range(longest, 0, -1):
        for k in range(1, len(tokens) - n):
            found = _country_in(tokens[k:k + n], doc, resources)
            if found is not None:
                return found
    return None


def _country_in(part, doc: Doc, resources: Resources):
    """(the country's entity or None, an `InsideName`) when `part` is a country's name or
    adjective ("Nigerian" in "the Nigerian Army"), not a known organisation's name."""
    found = resources.knowledge.countries.lookup(part.text)
    if found is None or found[1] not in ("name", ADJECTIVE) or resources.knowledge.actors.lookup(part.text):
        return None
    entity = next((e for e in doc._.layers.entities if e.nation is found[0]), None)
    kind = "name" if found[1] == "name" else ADJECTIVE
    return entity, InsideName(part.start_char, part.end_char, part.start, part.end, kind)


def _is_institution_word(token, resources: Resources) -> bool:
    """An agent noun (police, court, university, ministry) or a place noun (county, port)."""
    word = token.lower_
    term = resources.knowledge.terms.get(word) or resources.knowledge.terms.get(token.lemma_.lower())
    places = resources.knowledge.words
    return (term is not None and AGENT in term.kinds) or word in places("places", "place_nouns") \
        or word in places("places", "site_nouns")
