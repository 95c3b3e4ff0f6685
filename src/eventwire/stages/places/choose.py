"""Which place a place name means: its candidates in the gazetteer, scored by the place
written after it, the article's countries and other places, and prominence."""

from __future__ import annotations

import math
from typing import Callable

from spacy.tokens import Doc

from ...document.layers import Entity, Mention
from ...knowledge.places import CITY, COUNTRY, REGION, Place, distance_km
from ...nlp.syntax import sentence_start, text_of
from ..base import Resources
from .mentions import ADJECTIVE, DEMONYM

IN_COUNTRY = 2.5  # bonus for a candidate in a country the article names
IN_SENTENCE = 2.0  # more when the sentence itself names that country
NEARBY = ((200, 2.5), (500, 1.5), (1000, 0.5))  # km from the article's other places, bonus
ALTERNATE = 2.0  # penalty for a city that has the name only as an alternate spelling
INSIDE_NEXT = 8.0  # bonus for a candidate inside the place written after it ("Paris, Texas")


def article_countries(doc: Doc, mentions, resources: Resources) -> tuple[dict[str, float], dict[int, tuple[str, float]]]:
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


def candidates_for(entity: Entity | None, mention: Mention, text: str, places,
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


class Nearby:
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


def choose(doc: Doc, mention: Mention, candidates: list[Place], context: dict[str, float], places,
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
