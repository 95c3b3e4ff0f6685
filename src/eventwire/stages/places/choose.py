"""Which place a place name means: its candidates in the gazetteer, scored by the place
written after it, the states and provinces the article names, the article's countries and other
places, and prominence — and the reason the winner won, for the output ("written after: Texas")."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from spacy.tokens import Doc

from ...document.layers import Entity, Mention
from ...knowledge.places import CITY, COUNTRY, REGION, Place, distance_km, name_key
from ...nlp.syntax import sentence_start, text_of
from ..base import Resources
from .mentions import ADJECTIVE, DEMONYM

IN_COUNTRY = 2.5  # bonus for a candidate in a country the article names
IN_SENTENCE = 2.0  # more when the sentence itself names that country
NEARBY = ((200, 2.5), (500, 1.5), (1000, 0.5))  # km from the article's other places, bonus
ALTERNATE = 2.0  # penalty for a city that has the name only as an alternate spelling
INSIDE_NEXT = 8.0  # bonus for a candidate inside the place written after it ("Paris, Texas")
INSIDE_DIVISION = 2.0  # more when that place is the candidate's own state or province ("Springfield, Ill.")
SAME_COUNTRY = 4.0  # less when it is a state of the candidate's country, the candidate's own unknown
NAMED_DIVISION = 3.0  # bonus for a city or county in a state or province the article names elsewhere
BESIDE = 2.0  # bonus for a city or county with a reading of another of the article's names beside it
BESIDE_KM = 50
PUBLISHER = 1.0  # bonus for a place in the publisher's country (its web address): a tie-breaker only
# country-code domains sold worldwide, which say nothing of where a publisher is
VANITY_DOMAINS = {"io", "co", "tv", "me", "ly", "fm", "ai", "am", "cc", "ws", "to", "gg", "la", "nu", "tk", "so"}


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
            if capital:  # or a namesake in a country the article names ("Tripoli, Lebanon")
                return capital + [p for p in named if p not in capital and (
                    p.population > capital[0].population or (context is not None and p.country in context))]
        country = [p for p in places.candidates(entity.nation.name) if p.feature == COUNTRY]
        # A country's name that is also a province or state elsewhere (Georgia) keeps
        # both readings for the context to decide.
        others = [p for p in places.candidates(text) if p.feature == REGION and p.kind == "admin1"
                  and p.country != entity.nation.code]
        if country:
            # a town named like the country ("Lebanon, Pa.", "Mexico, Missouri") is a reading
            # only with evidence for it (`choose`)
            towns = [p for p in places.candidates(text) if p.feature == CITY and p.country != entity.nation.code
                     and places.bears(text, p)]
            return country + others + towns
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


class Story:
    """What the first reading found, for the second: a name's candidates score by their distance
    to the places read for every other name ("Victoria" in a story about Melbourne), a city or
    county by the states and provinces the article names ("Springfield" beside "the Illinois
    governor") and by a county or city reading of another name beside it ("Jefferson County" and
    "Birmingham"). Kept per candidate and name, so a long article that repeats its names costs no
    more than the names it has."""

    def __init__(self, first: list[Place | None], texts: list[str], places, options: list[list[Place]] = ()):
        self.places = places
        # every reading of every name as a city or county, by 1-degree cell: a county and a city
        # side by side ("Jefferson County" and "Birmingham" in Alabama) vouch for each other; two
        # towns do not (there is a Córdoba beside a Buenos Aires in Mexico), nor a name that is a
        # state's or a country's (Washington, California)
        self.cells: dict[tuple[int, int], list[tuple[Place, str]]] = {}
        for candidates, text in zip(options, texts):
            if any(p.feature == COUNTRY or p.kind == "admin1" for p in candidates):
                continue
            for place in candidates:
                if place.feature == CITY or place.kind == "admin2":
                    self.cells.setdefault((math.floor(place.lat), math.floor(place.lon)), []).append((place, text))
        self.read: dict[int, tuple[Place, set[str]]] = {}  # id(place) -> (place, names read as it)
        self.divisions: dict[tuple[str, str], tuple[str, set[str]]] = {}  # (country, admin1) -> (its name, names)
        for place, text in zip(first, texts):
            if place is not None and place.feature in (CITY, REGION) and place.country is not None:
                self.read.setdefault(id(place), (place, set()))[1].add(text)
                if place.kind == "admin1":
                    self.divisions.setdefault((place.country, name_key(place.name)), (place.name, set()))[1].add(text)
                elif place.kind == "admin2" and place.admin1:  # "Lamar County" names Texas too
                    self.divisions.setdefault((place.country, name_key(place.admin1)), (place.admin1, set()))[1].add(text)
        self.known: dict[tuple[int, str], tuple[float, str | None]] = {}

    def near(self, place: Place, text: str) -> tuple[float, str | None]:
        """Bonus for a place near the places read for names other than `text`, and the nearest."""
        key = (id(place), text)
        if key not in self.known:
            near = [other for other, names in self.read.values() if names - {text}]
            self.known[key] = _proximity(place, near)
        return self.known[key]

    def local(self, place: Place, text: str) -> bool:
        """True when a city or county read for another name lies within 200 km: local evidence,
        where a state named somewhere in the article is not."""
        return any(other.feature == CITY or other.kind == "admin2" for other, names in self.read.values()
                   if names - {text} and other is not place
                   and distance_km(place.lat, place.lon, other.lat, other.lon) <= NEARBY[0][0])

    def beside(self, place: Place, text: str) -> str | None:
        """Another name that has a city or county reading within BESIDE_KM of this place."""
        if not (place.feature == CITY or place.kind == "admin2"):
            return None
        y, x = math.floor(place.lat), math.floor(place.lon)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for other, name in self.cells.get((y + dy, x + dx), ()):
                    if name != text and "admin2" in (place.kind, other.kind) and distance_km(
                            place.lat, place.lon, other.lat, other.lon) <= BESIDE_KM:
                        return name
        return None

    def division(self, place: Place, text: str) -> str | None:
        """The state or province named elsewhere in the article that the place lies in."""
        if place.feature == COUNTRY or not place.admin1 or place.country is None:
            return None
        for (country, key), (name, names) in self.divisions.items():
            if country == place.country and names - {text} and _same_division(self.places, place.admin1, key):
                return name
        return None


def _same_division(places, admin1: str, key: str) -> bool:
    """A city's GeoNames division name ("Sindh") and a division named in the text ("Sindh
    Province", "Pa.") are the same division."""
    return name_key(admin1) == key or any(name_key(p.name) == key for p in places.candidates(admin1)
                                           if p.kind == "admin1")


def _proximity(place: Place, near: list[Place]) -> tuple[float, str | None]:
    """Bonus for a place near the article's other places, and the nearest of them."""
    if place.feature == COUNTRY or not near:
        return 0.0, None
    closest = min(near, key=lambda p: distance_km(place.lat, place.lon, p.lat, p.lon))
    km = distance_km(place.lat, place.lon, closest.lat, closest.lon)
    for within, bonus in NEARBY:
        if km <= within:
            return bonus, closest.name
    return 0.0, None


def choose(doc: Doc, mention: Mention, candidates: list[Place], context: dict[str, float], places,
            entity: Entity | None = None, own: dict | None = None, by_sentence: dict | None = None,
            story: Story | None = None, text: str | None = None) -> tuple[Place | None, str | None]:
    """The place the mention means among its candidates, and why: the signal that set it
    furthest ahead of the runner-up ("written after: Texas", "in Illinois, named in the article",
    "beside Jefferson County", "article country USA", "sentence country USA", "near Atlanta",
    "publisher's country PAK"), else "most prominent";
    "only reading" for a name with one candidate."""
    name = text_of(doc)[mention.start:mention.end]
    # a small town's alternate spelling is no reading ("Somme" is not Sémé)
    candidates = [p for p in candidates if p.feature != CITY or p.population >= 15_000 or places.bears(name, p)]
    if entity is not None and own and id(entity) in own:
        code, amount = own[id(entity)]
        context = dict(context)
        context[code] = context.get(code, 0) - amount
        if context[code] <= 0:
            del context[code]
    container = _next_place(doc, mention, places)
    if container and _in_a_list(doc, mention, container, candidates):
        container = None
    nation = entity.nation.code if entity is not None and entity.nation is not None else None
    scored = []
    for place in candidates:
        evidence = _evidence(doc, mention, place, name, candidates, context, places, entity, by_sentence,
                             container, story, text if text is not None else name)
        if nation is not None and mention.kind != "metonym" and place.feature == CITY and place.country != nation and not (
                {"after", "division"} & {kind for kind, _, _ in evidence}):
            continue  # "Lebanon" is the country unless the text puts it in Pennsylvania ("Lebanon, Pa.")
        scored.append((place, _prominence(place) + sum(amount for _, amount, _ in evidence), evidence))
    if not scored:
        return None, None
    if len(scored) == 1:
        return scored[0][0], "only reading"
    ranked = sorted(scored, key=lambda s: -s[1])  # stable: the earlier candidate wins a tie
    (best, _, evidence), (_, _, second) = ranked[0], ranked[1]
    return best, _reason(evidence, second)


def _evidence(doc: Doc, mention: Mention, place: Place, name: str, candidates: list[Place], context, places,
              entity: Entity | None, by_sentence: dict | None, container: list[Place] | None,
              story: Story | None, text: str) -> list[tuple[str, float, str | None]]:
    """What the text says for this candidate beyond its prominence: (kind, bonus, reason)."""
    out: list[tuple[str, float, str | None]] = []
    if place.feature == CITY and not places.bears(name, place):
        out.append(("spelling", -ALTERNATE, None))
    if place.feature == CITY and mention.i > 0 and doc[mention.i - 1].lower_ == "the" and any(
            p.feature == REGION for p in candidates):
        out.append(("article", -2.0, None))  # "the Pacific", "the Atlantic flyway": a sea or a region, not a town
    # A country's name read as another country's province (Georgia, the US state) needs
    # evidence near it: the article merely mentioning that country is not enough.
    # (A town named like a country is a candidate only with such evidence: see `choose`.)
    elsewhere = (entity is not None and entity.nation is not None and place.country != entity.nation.code
                 and place.feature != CITY)
    if place.country and place.country in context and not elsewhere:
        bonus = (3.0 if place.feature == COUNTRY else IN_COUNTRY) + min(context[place.country], 3.0) * 0.5
        out.append(("country", bonus, f"article country {place.country}"))
    if place.country and place.country == publisher_country(doc, places):
        out.append(("publisher", PUBLISHER, f"publisher's country {place.country}"))
    if place.country and place.country in _sentence_countries(doc, mention, by_sentence or {}, entity):
        out.append(("sentence", IN_SENTENCE, f"sentence country {place.country}"))
    if story is not None:
        bonus, nearest = story.near(place, text)
        if bonus:
            out.append(("near", bonus, f"near {nearest}"))
        beside = story.beside(place, text) if not any(p.feature == COUNTRY or p.kind == "admin1"
                                                      for p in candidates) else None
        if beside is not None:
            out.append(("beside", BESIDE, f"beside {beside}"))
        division = story.division(place, text)
        # A state named somewhere in the article tells Springfield, Illinois, from Springfield,
        # Missouri; it does not make Boston a town in New York, nor Washington a town in Iowa,
        # unless the article's other cities or counties are near that town too.
        if division is not None and (_close_namesakes(place, candidates) or (
                story.local(place, text) and not any(p.kind == "admin1" for p in candidates))):
            out.append(("division", NAMED_DIVISION, f"in {division}, named in the article"))
    if container:
        # a town named like a country lies in a state written after it ("Mexico, Missouri"), not in
        # the next country of a list ("China, Japan and Korea")
        town_of_nation = (entity is not None and entity.nation is not None
                                           and place.feature == CITY and place.country != entity.nation.code)
        inside = None
        if not town_of_nation or any(outer.kind == "admin1" for outer in container):
            inside = _inside(place, container, places)
        if inside is not None:
            out.append(("after", inside[0], f"written after: {inside[1]}"))
    return out


def _close_namesakes(place: Place, candidates: list[Place]) -> bool:
    """True when every candidate more prominent than this one is a city or county of its country
    at most ten times its size: a choice between like namesakes (Springfield, Athens)."""
    mine = _prominence(place)
    return all(p.country == place.country and (p.feature == CITY or p.kind == "admin2") and _prominence(p) - mine <= 1.0
               for p in candidates if p is not place and _prominence(p) > mine)


def publisher_country(doc: Doc, places) -> str | None:
    """The country of the publisher's web address ("www.dawn.com.pk", "bbc.co.uk"), if it has a
    country's domain; None for .com and the like, which most US publishers use."""
    article = doc._.article
    if article is None or not article.url:
        return None
    host = urlsplit(article.url if "//" in article.url else f"//{article.url}").hostname or ""
    domain = host.rsplit(".", 1)[-1].lower()
    if len(domain) != 2 or domain in VANITY_DOMAINS:
        return None
    return places.country_code("GB" if domain == "uk" else domain.upper())


def _reason(evidence: list[tuple[str, float, str | None]], second: list[tuple[str, float, str | None]]) -> str:
    """The signal that set the winner furthest ahead of the runner-up."""
    theirs: dict[str, float] = {}
    for kind, amount, _ in second:
        theirs[kind] = theirs.get(kind, 0.0) + amount
    gains = [(amount - theirs.get(kind, 0.0), reason) for kind, amount, reason in evidence if reason]
    gain, reason = max(gains, default=(0.0, None), key=lambda g: g[0])
    return reason if gain > 0 and reason else "most prominent"


def _inside(place: Place, container: list[Place], places) -> tuple[float, str] | None:
    """(bonus, the container's name) when the candidate lies in a place written after it: its
    own state or province most, another of its country's less, its country."""
    best = None
    for outer in container:
        if place.country is None or place.country != outer.country:
            continue
        if outer.feature == COUNTRY:
            found = (INSIDE_NEXT, outer.name)
        elif outer.kind == "admin1" and (place.feature == CITY or place.kind == "admin2"):
            if place.admin1 and _same_division(places, place.admin1, name_key(outer.name)):
                found = (INSIDE_NEXT + INSIDE_DIVISION, outer.name)
            elif not place.admin1:  # a place whose division GeoNames does not name
                found = (SAME_COUNTRY, outer.name)
            else:
                continue  # Des Plaines is in Illinois, not in "Vermont, Maine"
        elif outer.kind == "admin1" and place.feature == REGION:
            continue  # a state lies in no other state ("Washington, D.C.", "Georgia, Alabama and Texas")
        else:
            found = (INSIDE_NEXT, outer.name)
        if best is None or found[0] > best[0]:
            best = found
    return best


def _in_a_list(doc: Doc, mention: Mention, container: list[Place], candidates: list[Place]) -> bool:
    """True when the place written after a state's name is the next item of a list of states
    ("California, Missouri, and Texas"), not where it lies ("Washington, D.C., said")."""
    countries = {p.country for p in candidates if p.kind == "admin1"}
    if not countries & {p.country for p in container if p.kind == "admin1"}:
        return False
    end = mention.j + 2
    while end < len(doc) and doc[end].pos_ == "PROPN" and end - mention.j < 5:
        end += 1
    return not doc[end - 1].text.endswith(".") and (end >= len(doc) or doc[end].lower_ in (",", "and", "or", "&"))


def _next_place(doc: Doc, mention: Mention, places) -> list[Place] | None:
    """The countries and regions of a place written right after this one ("Paris, Texas",
    "Istanbul, Turkey", "SPRINGFIELD, Ill.") — where this one lies."""
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
    options = [p for p in places.candidates(name) if p.country and p.feature in (COUNTRY, REGION)]
    return options or None
