"""Where: toponyms found and placed on the map, offline.

Toponyms are the place mentions of the entity layer (spaCy GPE/LOC/FAC, country names,
capitals standing for their government, datelines), the words for a place's people
("Israeli", "Texans"), plus gazetteer matches for places the model misses; not a word the
time layer read as a date ("in March"). Each is resolved among the candidates the knowledge's place index
holds (countries, well-known regions, first-level divisions, GeoNames cities) by:
  1. a place named right after it ("Paris, Texas", "Istanbul, Turkey", "SPRINGFIELD, Ill.")
     — the candidate inside that place wins, its own state or province most;
  2. the article's other places, states and countries — a city or county in a state the
     article names ("Springfield" beside "the Illinois governor"), a county and a city that lie
     side by side ("Jefferson County", "Birmingham"), a candidate in a country the article (or
     the publisher's web address) names, near its other places, and a US state over the country Georgia in a
     story about Atlanta (a name never vouches for itself); a town named like a country
     ("Lebanon, Pa.") only with 1. or a state named for it;
  3. then prominence: a country over a province over a city of the same name, a bigger
     city over a smaller, a capital over a town.
Each toponym carries the reason its place won (`reason`: "written after: Texas", "near
Atlanta", "most prominent"), so a wrong choice shows which signal to fix.
A street or building the gazetteer lacks takes the place that contains it (`_place_within`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.article import CharSpan
from ...document.layers import Entity, Mention, Toponym
from ...nlp.syntax import sentence_start, text_of
from ..base import Resources
from .choose import article_countries, candidates_for, choose, division_word_after
from .mentions import ADJECTIVE, DEMONYM, ORGANISATION, InsideName, toponym_mentions
from .story import Story
from .within import place_within


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
    mentions = [(entity, mention) for entity, mention in toponym_mentions(doc, resources)
                if not any(d.start <= mention.start and mention.end <= d.end for d in dates)]
    context, own = article_countries(doc, mentions, resources)
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
        division = division_word_after(doc, mention) if entity is None or entity.nation is None else None
        if division is not None and places.candidates(f"{text} {division}"):
            text = f"{text} {division}"  # "Tarrant counties": Tarrant County, not Tarrant, Alabama
        candidates = candidates_for(entity, mention, text, places, others)
        options.append((text, candidates))
    # First reading by context and prominence; then each ambiguous name again, nearer
    # the places the rest of the article is about ("Victoria" in a story about Melbourne).
    by_sentence: dict[int, list[tuple[Entity | None, Mention]]] = {}
    for entity, mention in mentions:
        by_sentence.setdefault(sentence_start(doc, mention.i), []).append((entity, mention))
    first = [choose(doc, mention, candidates, context, places, entity, own, by_sentence)
             for (entity, mention), (text, candidates) in zip(mentions, options)]
    texts = [text for text, _ in options]
    story = Story([place for place, _ in first], texts, places, [c for _, c in options])
    second = [choose(doc, mention, candidates, context, places, entity, own, by_sentence, story, text)
              if len(candidates) > 1 else chosen
              for (entity, mention), (text, candidates), chosen in zip(mentions, options, first)]
    # and once more, now that the other names are read in context ("Alexander County" is
    # Illinois' once "Illinois" is read, and then "Cairo" is Illinois' Cairo)
    changed = any(a[0] is not b[0] for a, b in zip(first, second))  # else the third reading is the second
    story = Story([place for place, _ in second], texts, places, [c for _, c in options]) if changed else None
    for n, ((entity, mention), (text, candidates)) in enumerate(zip(mentions, options)):
        place, reason = second[n]
        if len(candidates) > 1 and story is not None:
            place, reason = choose(doc, mention, candidates, context, places, entity, own, by_sentence, story, text)
        via = ORGANISATION if isinstance(mention, InsideName) else mention.kind if mention.kind in (ADJECTIVE, DEMONYM) else None
        found.append(Toponym(CharSpan(mention.start, mention.end), place, entity, mention.i, mention.j, via,
                             reason if place is not None else None))
        if entity is not None and entity.type != "ORG" and entity.nation is None and place is not None and (
                entity.place is None or entity.place.country != place.country):
            entity.place = place
            if entity.country is None or entity.country != place.country:
                entity.country = place.country
    place_within(doc, found, resources)
    return found
