"""Where: toponyms found and placed on the map, offline.

Toponyms are the place mentions of the entity layer (spaCy GPE/LOC/FAC, country names,
capitals standing for their government, datelines), the words for a place's people
("Israeli", "Texans"), plus gazetteer matches for places the model misses; not a word the
time layer read as a date ("in March"). Each is resolved among the candidates the knowledge's place index
holds (countries, well-known regions, first-level divisions, GeoNames cities) by:
  1. a place named right after it ("Paris, Texas", "Istanbul, Turkey", "Georgia's
     capital") — the candidate inside that place wins;
  2. the article's other places and countries — a candidate in a country the article
     names is preferred, and a US state over the country Georgia in a story about Atlanta
     (a name never vouches for itself);
  3. then prominence: a country over a province over a city of the same name, a bigger
     city over a smaller, a capital over a town.
A street or building the gazetteer lacks takes the place that contains it (`_place_within`).
"""

from __future__ import annotations

import math
from typing import Callable

from spacy.tokens import Doc

from ..document.article import CharSpan
from ..document.layers import Entity, Mention, Toponym
from ..knowledge.places import CITY, COUNTRY, REGION, Place, distance_km
from ..nlp.syntax import sentence_start, text_of
from .base import Resources

ADJECTIVE, DEMONYM = "adjective", "demonym"  # mentions that name a place's people or things
CONTAINER = "container"  # a place the gazetteer lacks, at the place that contains it
SPECIFIC = {CITY: 3, REGION: 2, COUNTRY: 1}
PEOPLE_ENDINGS = ("an", "ans", "ese", "ish", "i", "is")  # of English words for peoples and their things
IN_COUNTRY = 2.5  # bonus for a candidate in a country the article names
IN_SENTENCE = 2.0  # more when the sentence itself names that country
NEARBY = ((200, 2.5), (500, 1.5), (1000, 0.5))  # km from the article's other places, bonus
ALTERNATE = 2.0  # penalty for a city that has the name only as an alternate spelling
INSIDE_NEXT = 8.0  # bonus for a candidate inside the place written after it ("Paris, Texas")


def add_places(doc: Doc, resources: Resources) -> None:
    doc._.layers.places = find_places(doc, resources)


def settle_place_countries(doc: Doc, resources: Resources) -> None:
    """Read the article's place names once, for their entities' countries only."""
    find_places(doc, resources)


def find_places(doc: Doc, resources: Resources) -> list[Toponym]:
    places = resources.knowledge.places
    # a word the time layer read as a date is no place ("in March", "by August"); the first
    # reading (place_countries) comes before the time layer and sees no dates
    dates = [t.span for t in doc._.layers.timexes]
    mentions = [(entity, mention) for entity, mention in _toponym_mentions(doc, resources)
                if not any(d.start <= mention.start and mention.end <= d.end for d in dates)]
    context, own = _article_countries(doc, mentions, resources)
    found: list[Toponym] = []
    options = []
    for entity, mention in mentions:
        text = text_of(doc)[mention.start:mention.end]
        if text.isupper() and len(text) > 3:
            text = text.title()  # datelines
        others = context
        if entity is not None and id(entity) in own:
            code, amount = own[id(entity)]
            others = {k: v for k, v in context.items() if k != code or v > amount}
        candidates = _candidates(entity, mention, text, places, others)
        options.append((text, candidates))
    # First reading by context and prominence; then each ambiguous name again, nearer
    # the places the rest of the article is about ("Victoria" in a story about Melbourne).
    by_sentence: dict[int, list[tuple[Entity | None, Mention]]] = {}
    for entity, mention in mentions:
        by_sentence.setdefault(sentence_start(doc, mention.i), []).append((entity, mention))
    first = [_choose(doc, mention, candidates, context, places, entity, own, by_sentence)
             for (entity, mention), (text, candidates) in zip(mentions, options)]
    nearby = _Nearby(first, [text for text, _ in options])
    for n, ((entity, mention), (text, candidates)) in enumerate(zip(mentions, options)):
        place = first[n]
        if len(candidates) > 1:
            place = _choose(doc, mention, candidates, context, places, entity, own, by_sentence,
                            lambda candidate, text=text: nearby.bonus(candidate, text))
        via = mention.kind if mention.kind in (ADJECTIVE, DEMONYM) else None
        found.append(Toponym(CharSpan(mention.start, mention.end), place, entity, mention.i, mention.j, via))
        if entity is not None and entity.type != "ORG" and entity.nation is None and place is not None and (
                entity.place is None or entity.place.country != place.country):
            entity.place = place
            if entity.country is None or entity.country != place.country:
                entity.country = place.country
    _place_within(doc, found, resources)
    return found


def _place_within(doc: Doc, found: list[Toponym], resources: Resources) -> None:
    """A toponym the gazetteer lacks that the text shows to be a place — a facility or an area
    (NER's FAC, LOC: "Oxford Street", "Tahrir Square"), or a name after a locative preposition
    ("in Kibera") — takes the place that contains it, marked via `container`: a place written
    right after it ("Kibera, Nairobi", "Fort Hood, Texas", "Grenfell Tower in London"), else the
    sentence's most specific city or province. Without one it stays unplaced."""
    locative = resources.knowledge.words("actors", "locative")
    placed = [t for t in found if t.place is not None and t.via is None and t.place.feature in SPECIFIC]
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


def _toponym_mentions(doc: Doc, resources: Resources | None = None) -> list[tuple[Entity | None, Mention]]:
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


def _article_countries(doc: Doc, mentions, resources: Resources) -> tuple[dict[str, float], dict[int, tuple[str, float]]]:
    """How strongly the article is about each country: names of countries, the
    countries of places with one reading, nationality words. Also what each entity
    added, so that a name is not its own context ("Georgia" does not vouch for Georgia)."""
    weight: dict[str, float] = {}
    own: dict[int, tuple[str, float]] = {}

    def add(code: str, amount: float, entity: Entity | None = None) -> None:
        weight[code] = weight.get(code, 0) + amount
        if entity is not None:
            before = own.get(id(entity), (code, 0.0))[1]
            own[id(entity)] = (code, before + amount)

    for entity, mention in mentions:
        if entity is not None and entity.nation is not None and mention.kind == "name":
            add(entity.nation.code, 1.0, entity)
    for entity, mention in mentions:
        if entity is None or entity.nation is None:
            text = text_of(doc)[mention.start:mention.end]
            if mention.kind == DEMONYM:
                people = resources.knowledge.places.demonym(text)
                if people is not None and people.country:
                    add(people.country, 0.5)
                continue
            options = {p.country for p in resources.knowledge.places.candidates(text) if p.country}
            if len(options) == 1:
                add(next(iter(options)), 0.5)
    for entity in doc._.layers.entities:
        if entity.nation is not None:
            for mention in entity.mentions:
                if mention.kind in ("adjective", "demonym"):
                    add(entity.nation.code, 0.5)
    return weight, own


def _candidates(entity: Entity | None, mention: Mention, text: str, places,
                context: dict[str, float] | None = None) -> list[Place]:
    if entity is None and mention.kind == ADJECTIVE:  # "the Nigerian Army", its country named nowhere else
        found = places.countries.lookup(text)
        return [p for p in places.candidates(found[0].name) if p.feature == COUNTRY] if found else []
    if entity is not None and entity.nation is not None:
        if mention.kind == "metonym":
            # "Moscow says": the capital's coordinates, its country's government; a
            # capital's name that is also a big place elsewhere ("Victoria") stays open
            named = places.candidates(text)
            capital = [p for p in named if p.country == entity.nation.code and p.feature == CITY]
            if capital and (context is None or entity.nation.code in context):
                return capital
            if capital:
                return capital + [p for p in named if p not in capital and p.population > capital[0].population]
        country = [p for p in places.candidates(entity.nation.name) if p.feature == COUNTRY]
        # A country's name that is also a province or state elsewhere (Georgia) keeps
        # both readings for the context to decide.
        others = [p for p in places.candidates(text) if p.feature == REGION and p.kind == "admin1"
                  and p.country != entity.nation.code]
        if country:
            return country + others
    found = [] if mention.kind == DEMONYM else list(places.candidates(text))
    if not found:  # "Texans", "a Parisian cafe" (a group entity, or NER read it as a place)
        people = places.demonym(text)
        found = [people] if people is not None else []
    return found


def _sentence_countries(doc: Doc, mention: Mention, by_sentence: dict, skip: Entity | None) -> set[str]:
    """The countries of the other entities named in the mention's sentence (read now: the
    second reading updates them)."""
    out = set()
    for entity, _ in by_sentence.get(sentence_start(doc, mention.i), ()):
        if entity is not None and entity is not skip and entity.country:
            out.add(entity.country)
    return out


def _prominence(place: Place) -> float:
    """How likely a bare name means this place before any context: a country over a
    province over a city of the same name; cities and provinces by population; seas,
    continents and well-known regions count as big places."""
    if place.feature == COUNTRY:
        return 10.0
    if place.population:
        base = math.log10(place.population + 10)
    else:
        base = 7.5 if place.feature == REGION else 3.0  # seas, continents, famous regions
    if place.feature == REGION and place.kind in ("admin1", "region", "disputed", "island"):
        base += 1.0
    if place.kind == "capital":
        base += 1.5
    return base


class _Nearby:
    """The places of the first reading, for the second: a name's candidates score by their
    distance to the places read for every other name. The bonus is kept per candidate and name,
    so a long article that repeats its names costs no more than the names it has."""

    def __init__(self, first: list[Place | None], texts: list[str]):
        self.read: dict[int, tuple[Place, set[str]]] = {}  # id(place) -> (place, names read as it)
        for place, text in zip(first, texts):
            if place is not None and place.feature in (CITY, REGION) and place.country is not None:
                self.read.setdefault(id(place), (place, set()))[1].add(text)
        self.known: dict[tuple[int, str], float] = {}

    def bonus(self, place: Place, text: str) -> float:
        """Bonus for a place near the places read for names other than `text`."""
        key = (id(place), text)
        if key not in self.known:
            near = [other for other, names in self.read.values() if names - {text}]
            self.known[key] = _proximity(place, near)
        return self.known[key]


def _proximity(place: Place, near: list[Place]) -> float:
    """Bonus for a place near the article's other places."""
    if place.feature == COUNTRY or not near:
        return 0.0
    closest = min(distance_km(place.lat, place.lon, p.lat, p.lon) for p in near)
    for within, bonus in NEARBY:
        if closest <= within:
            return bonus
    return 0.0


def _choose(doc: Doc, mention: Mention, candidates: list[Place], context: dict[str, float], places,
            entity: Entity | None = None, own: dict | None = None, by_sentence: dict | None = None,
            proximity: Callable[[Place], float] = lambda place: 0.0) -> Place | None:
    name = text_of(doc)[mention.start:mention.end]
    # a small town's alternate spelling is no reading ("Somme" is not Sémé)
    candidates = [p for p in candidates if p.feature != CITY or p.population >= 15_000 or places.bears(name, p)]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    if entity is not None and own and id(entity) in own:
        code, amount = own[id(entity)]
        context = dict(context)
        context[code] = context.get(code, 0) - amount
        if context[code] <= 0:
            del context[code]
    container = _next_place(doc, mention, places)
    nearby = _sentence_countries(doc, mention, by_sentence or {}, entity)
    article = mention.i > 0 and doc[mention.i - 1].lower_ == "the" and any(p.feature == REGION for p in candidates)
    best, best_score = None, -1e9
    for place in candidates:
        score = _prominence(place)
        if place.feature == CITY and not places.bears(name, place):
            score -= ALTERNATE
        if place.feature == CITY and article:
            score -= 2.0  # "the Pacific", "the Atlantic flyway": a sea or a region, not a town
        # A country's name read as another country's province (Georgia, the US state) needs
        # evidence near it: the article merely mentioning that country is not enough.
        elsewhere = entity is not None and entity.nation is not None and place.country != entity.nation.code
        if place.country and place.country in context and not elsewhere:
            score += (3.0 if place.feature == COUNTRY else IN_COUNTRY) + min(context[place.country], 3.0) * 0.5
        if place.country and place.country in nearby:
            score += IN_SENTENCE
        score += proximity(place)
        if container is not None and place.country in container:
            score += INSIDE_NEXT
        if score > best_score:
            best, best_score = place, score
    return best


def _next_place(doc: Doc, mention: Mention, places) -> set[str] | None:
    """The countries of a place written right after this one ("Paris, Texas",
    "Istanbul, Turkey") — where this one lies."""
    j = mention.j
    if j + 1 >= len(doc) or doc[j].text != ",":
        return None
    k = j + 1
    end = k
    while end < len(doc) and doc[end].pos_ == "PROPN" and end - k < 4:
        end += 1
    if end == k:
        return None
    name = doc[k:end].text
    options = {p.country for p in places.candidates(name) if p.country and p.feature in (COUNTRY, REGION)}
    return options or None
