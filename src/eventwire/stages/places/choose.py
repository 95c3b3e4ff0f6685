"""Which place a place name means: its candidates in the gazetteer, scored by the place
written after it, the states and provinces the article names, the article's countries and other
places, and prominence — and the reason the winner won, for the output ("written after: Texas")."""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from spacy.tokens import Doc

from ...document.layers import Entity, Mention
from ...knowledge.places import CITY, COUNTRY, REGION, Place, name_key
from ...nlp.syntax import sentence_start, text_of
from ..base import Resources
from .mentions import ADJECTIVE, DEMONYM
from .story import Story, same_division

IN_COUNTRY = 2.5  # bonus for a candidate in a country the article names
IN_SENTENCE = 2.0  # more when the sentence itself names that country
ALTERNATE = 2.0  # penalty for a city that has the name only as an alternate spelling
INSIDE_NEXT = 8.0  # bonus for a candidate inside the place written after it ("Paris, Texas")
INSIDE_DIVISION = 2.0  # more when that place is the candidate's own state or province ("Springfield, Ill.")
SAME_COUNTRY = 4.0  # less when it is a state of the candidate's country, the candidate's own unknown
NAMED_DIVISION = 3.0  # bonus for a city or county in a state or province the article names elsewhere
BESIDE = 2.0  # bonus for a city or county with a reading of another of the article's names beside it
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


@dataclass
class Mentioned:
    """What holds for every candidate of one mention, worked out once."""
    name: str  # as written
    text: str  # as looked up (a dateline's capitals in title case)
    candidates: list[Place]
    context: dict[str, float]
    sentence: set[str]  # the countries of the sentence's other entities
    publisher: str | None
    big: bool  # a country's or a state's name ("Lebanon", "Washington")
    article: bool  # "the ..." before a name that has a region's reading
    container: list[Place] | None
    nation: str | None
    prominence: dict[int, float]


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
    if len(candidates) <= 1:
        return (candidates[0], "only reading") if candidates else (None, None)
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
    seen = Mentioned(name, text if text is not None else name, candidates, context,
                     _sentence_countries(doc, mention, by_sentence or {}, entity), publisher_country(doc, places),
                     any(p.feature == COUNTRY or p.kind == "admin1" for p in candidates),
                     mention.i > 0 and doc[mention.i - 1].lower_ == "the" and any(p.feature == REGION for p in candidates),
                     container, nation, {id(p): _prominence(p) for p in candidates})
    scored = []
    for place in candidates:
        evidence = _evidence(place, seen, places, story)
        if nation is not None and mention.kind != "metonym" and place.feature == CITY and place.country != nation and not (
                {"after", "division"} & {kind for kind, _, _ in evidence}):
            continue  # "Lebanon" is the country unless the text puts it in Pennsylvania ("Lebanon, Pa.")
        scored.append((place, seen.prominence[id(place)] + sum(amount for _, amount, _ in evidence), evidence))
    if not scored:
        return None, None
    if len(scored) == 1:
        return scored[0][0], "only reading"
    ranked = sorted(scored, key=lambda s: -s[1])  # stable: the earlier candidate wins a tie
    (best, _, evidence), (_, _, second) = ranked[0], ranked[1]
    return best, _reason(evidence, second)


def _evidence(place: Place, seen: Mentioned, places, story: Story | None) -> list[tuple[str, float, str | None]]:
    """What the text says for this candidate beyond its prominence: (kind, bonus, reason)."""
    out: list[tuple[str, float, str | None]] = []
    if place.feature == CITY and not places.bears(seen.name, place):
        out.append(("spelling", -ALTERNATE, None))
    if place.feature == CITY and seen.article:
        out.append(("article", -2.0, None))  # "the Pacific", "the Atlantic flyway": a sea or a region, not a town
    # A country's name read as another country's province (Georgia, the US state) needs
    # evidence near it: the article merely mentioning that country is not enough.
    # (A town named like a country is a candidate only with such evidence: see `choose`.)
    elsewhere = seen.nation is not None and place.country != seen.nation and place.feature != CITY
    if place.country and place.country in seen.context and not elsewhere:
        bonus = (3.0 if place.feature == COUNTRY else IN_COUNTRY) + min(seen.context[place.country], 3.0) * 0.5
        out.append(("country", bonus, f"article country {place.country}"))
    if place.country and place.country == seen.publisher:
        out.append(("publisher", PUBLISHER, f"publisher's country {place.country}"))
    if place.country and place.country in seen.sentence:
        out.append(("sentence", IN_SENTENCE, f"sentence country {place.country}"))
    if story is not None and place.feature != COUNTRY:
        bonus, nearest = story.near(place, seen.text)
        if bonus:
            out.append(("near", bonus, f"near {nearest}"))
        beside = story.beside(place, seen.text) if not seen.big else None
        if beside is not None:
            out.append(("beside", BESIDE, f"beside {beside}"))
        division = story.division(place, seen.text)
        # A state named somewhere in the article tells Springfield, Illinois, from Springfield,
        # Missouri; it does not make Boston a town in New York, nor Washington a town in Iowa,
        # unless the article's other cities or counties are near that town too.
        if division is not None and (_close_namesakes(place, seen) or (
                story.local(place, seen.text) and not any(p.kind == "admin1" for p in seen.candidates))):
            out.append(("division", NAMED_DIVISION, f"in {division}, named in the article"))
    if seen.container:
        # a town named like a country lies in a state written after it ("Mexico, Missouri"), not in
        # the next country of a list ("China, Japan and Korea")
        town_of_nation = seen.nation is not None and place.feature == CITY and place.country != seen.nation
        inside = None
        if not town_of_nation or any(outer.kind == "admin1" for outer in seen.container):
            inside = _inside(place, seen.container, places)
        if inside is not None:
            out.append(("after", inside[0], f"written after: {inside[1]}"))
    return out


def _close_namesakes(place: Place, seen: Mentioned) -> bool:
    """True when every candidate more prominent than this one is a city or county of its country
    at most ten times its size: a choice between like namesakes (Springfield, Athens)."""
    mine = seen.prominence[id(place)]
    return all(p.country == place.country and (p.feature == CITY or p.kind == "admin2")
               and seen.prominence[id(p)] - mine <= 1.0
               for p in seen.candidates if p is not place and seen.prominence[id(p)] > mine)


def publisher_country(doc: Doc, places) -> str | None:
    """The country of the publisher's web address ("www.dawn.com.pk", "bbc.co.uk"), if it has a
    country's domain; None for .com and the like, which most US publishers use."""
    article = doc._.article
    if article is None or not article.url:
        return None
    url = article.url
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
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
            if place.admin1 and same_division(places, place.admin1, name_key(outer.name)):
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


# "Dallas and Tarrant counties", "Harris county": the type word after names, as the gazetteer writes it
DIVISION_WORDS = {"counties": "County", "county": "County", "parishes": "Parish", "parish": "Parish",
                  "provinces": "Province", "province": "Province", "districts": "District",
                  "district": "District", "oblasts": "Oblast", "prefectures": "Prefecture"}


def division_word_after(doc: Doc, mention: Mention) -> str | None:
    """The division type written after a name that does not include it — "Harris county",
    "Dallas, Tarrant and Collin counties" — in the gazetteer's form ("County"), or None."""
    k = mention.j
    while k < len(doc) and k - mention.j < 10:
        word = doc[k].lower_
        if word in DIVISION_WORDS and (k == mention.j or word.endswith("s")):
            return DIVISION_WORDS[word]
        if not (doc[k].pos_ == "PROPN" or word in (",", "and", "&")) or doc[k].is_sent_start:
            return None
        k += 1
    return None


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
