"""Which candidate mentions are the same entity.

  - a country's name, aliases, adjectives and demonyms ("Russia", "the Russian
    Federation", "Russians") are one entity, and so is its capital used for its
    government ("Moscow says");
  - a person's mentions ("President Volodymyr Zelensky", "Zelensky") are one entity,
    named by the fullest form or the knowledge base's name; a surname alone joins the
    person in the article with that surname, else an office holder of that name;
  - organisations group by name, knowledge-base alias and acronym.
A title written before a name ("Foreign Minister") becomes part of the mention and the
entity's title.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from ...document.article import CharSpan
from ...document.layers import Entity, Evidence, Mention
from ...knowledge.actors import ORGANISATION, PERSON, NamedActor, coding_at
from ...knowledge.countries import ADJECTIVE, CAPITAL, DEMONYM, NAME, Country
from ...nlp.syntax import is_subject
from ..base import Resources
from .claims import Candidate
from .titles import title_chain


class PersonMention(NamedTuple):
    """A person's mention waiting to be grouped: people are grouped once all are seen."""

    mention: Mention
    words: list[str]  # the name's words, title left out
    title: str | None
    title_span: CharSpan | None


class EntityGrouper:
    """Groups candidate mentions into entities: `add_candidate` for each, then
    `link_people`, then `finish`."""

    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        self.knowledge = resources.knowledge
        self.when = doc._.article.published if doc._.article else None
        self.by_key: dict[tuple, Entity] = {}
        self.people: list[PersonMention] = []

    def entity_for(self, key: tuple, name: str, type_: str) -> Entity:
        """The entity grouped under `key`, made on first use."""
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = Entity(id="", name=name, type=type_)
        return found

    def add_candidate(self, cand: Candidate) -> None:
        doc = self.doc
        span = doc[cand.i:cand.j]
        text = span.text
        found = self.knowledge.countries.lookup(text)
        # NER calls "Sri Lankan" a person now and then; a nationality word never is one.
        if found and (cand.label != "PERSON" or found[1] in (ADJECTIVE, DEMONYM)):
            country, relation = found
            if relation == CAPITAL:
                if is_subject(doc[cand.j - 1]) or doc[cand.j - 1].dep_ == "poss":
                    self._add_country(country, cand, "metonym")
                else:
                    self._add_place(cand, text)
                return
            kind = {NAME: "name", ADJECTIVE: "adjective", DEMONYM: "demonym"}[relation]
            self._add_country(country, cand, kind)
            return
        known = self.knowledge.actors.lookup(text)
        if cand.label == "PERSON" or (known and known[0].kind == PERSON and cand.label not in ("GPE", "LOC")):
            self._add_person(cand)
        elif cand.label == "ORG" or (known and (cand.label not in ("GPE", "LOC", "FAC") or known[0].kind == ORGANISATION)):
            # A dictionary may list a city as its country (CAMEO: "Geneva" -> CHE); NER's
            # place reading wins unless the name is a known organisation.
            self._add_organisation(cand, known)
        elif cand.label in ("GPE", "LOC", "FAC"):
            self._add_place(cand, text)
        elif cand.label == "NORP":
            entity = self.entity_for(("norp", text.lower()), text, "NORP")
            entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, "name"))

    def _add_country(self, country: Country, cand: Candidate, kind: str) -> None:
        span = self.doc[cand.i:cand.j]
        entity = self.entity_for(("country", country.name), country.name, "GPE")
        entity.nation = country
        entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, kind))

    def _add_place(self, cand: Candidate, text: str) -> None:
        span = self.doc[cand.i:cand.j]
        place = self.knowledge.places.best(text)
        name = place.name if place is not None else text
        label = cand.label if cand.label in ("GPE", "LOC", "FAC") else "GPE"
        entity = self.entity_for(("place", name.casefold()), name, label)
        entity.place = entity.place or place
        entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, "name"))

    def _add_organisation(self, cand: Candidate, known: list[NamedActor]) -> None:
        span = self.doc[cand.i:cand.j]
        org = next((a for a in known if a.kind != PERSON), None)
        if org is not None:
            key: tuple = ("actor", id(org))
            entity = self.entity_for(key, org.name, "ORG")
            entity.known = org
        else:
            entity = self.entity_for(("org", span.text.casefold()), span.text, "ORG")
        entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, "name"))

    def _add_person(self, cand: Candidate) -> None:
        doc = self.doc
        i, j = cand.i, cand.j
        # NER sometimes includes the title ("President Zelensky"); peel it off.
        while j - i > 1:
            inner_start, inner_title = title_chain(doc, i + 1, self.knowledge)
            if inner_title and inner_start == i:
                i += 1
            elif doc[i].lower_ in self.knowledge.words("titles", "honorifics"):
                i += 1
            else:
                break
        start_i, title = title_chain(doc, i, self.knowledge)
        words = [t.text for t in doc[i:j]]
        title_span = CharSpan(doc[start_i].idx, doc[i - 1].idx + len(doc[i - 1].text)) if title else None
        mention = Mention(doc[start_i].idx, doc[j - 1].idx + len(doc[j - 1].text), start_i, j, "name")
        self.people.append(PersonMention(mention, words, title, title_span))

    def link_people(self) -> None:
        """Group person mentions: full names first, then surnames."""
        actors = self.knowledge.actors
        full = [p for p in self.people if len(p.words) >= 2]
        single = [p for p in self.people if len(p.words) < 2]
        clusters: list[Entity] = []
        for mention, words, title, title_span in full:
            name = self.doc[mention.j - len(words):mention.j].text if words else " ".join(words)
            known = next((a for a in actors.lookup(name) if a.kind != ORGANISATION), None)
            entity = None
            if known is not None:
                entity = self.by_key.get(("actor", id(known)))
            if entity is None:
                entity = next((e for e in clusters if same_person(e, words, known)), None)
            if entity is None:
                key = ("actor", id(known)) if known else ("person", name.casefold())
                entity = self.entity_for(key, known.name if known else name, "PERSON")
                entity.known = known
                clusters.append(entity)
            elif known is None and len(name) > len(entity.name) and entity.known is None:
                entity.name = name
            self._attach(entity, mention, title, title_span)
        for mention, words, title, title_span in single:
            word = words[0] if words else self.doc[mention.i:mention.j].text
            matches = [e for e in clusters if word in name_parts(e)]
            if len(matches) > 1:
                # The most recently mentioned person with that name.
                matches = [max(matches, key=lambda e: max(m.start for m in e.mentions if m.start < mention.start)
                               if any(m.start < mention.start for m in e.mentions) else -1)]
            if matches:
                entity = matches[0]
            else:
                entity = self._known_by_surname(word, clusters, title)
            self._attach(entity, mention, title, title_span)

    def _known_by_surname(self, word: str, clusters: list[Entity], title: str | None = None) -> Entity:
        """A surname no full name in the article explains: the one office holder of that name
        on the publication date, else a person known only by the surname."""
        actors = self.knowledge.actors
        candidates = [a for a in actors.by_last_name(word) if a.kind == PERSON]
        if title:
            # "President Obama": a person who held that title
            titled = [a for a in candidates if any(c.title and c.title.lower().split()[-1] == title.lower().split()[-1]
                                                   for c in a.codings)]
            candidates = titled or candidates
        if self.when is not None:
            current = [a for a in candidates if (r := coding_at(a, self.when)) and r.status == "current"]
        else:
            current = candidates
        if len(current) == 1:
            known = current[0]
            entity = self.entity_for(("actor", id(known)), known.name, "PERSON")
            entity.known = known
        else:
            entity = self.entity_for(("person", word.casefold()), word, "PERSON")
        if entity not in clusters:
            clusters.append(entity)
        return entity

    def _attach(self, entity: Entity, mention: Mention, title: str | None, title_span: CharSpan | None) -> None:
        entity.add(mention)
        if title and entity.title is None:
            entity.title = title
            entity.title_span = title_span
            entity.evidence.append(Evidence("title", "text", title_span))
        if entity.gender is None and entity.known is not None:
            entity.gender = entity.known.gender

    def finish(self) -> list[Entity]:
        """The entities with a mention, in order of first mention, numbered e1, e2, ..."""
        entities = [e for e in self.by_key.values() if e.mentions]
        entities.sort(key=lambda e: min(m.start for m in e.mentions))
        for n, entity in enumerate(entities, 1):
            entity.id = f"e{n}"
        return entities


def name_parts(entity: Entity) -> set[str]:
    """The words of the entity's name and of every form the knowledge base knows it by."""
    parts = set(entity.name.split())
    if entity.known is not None:
        for form in entity.known.forms:
            parts.update(form.split())
    return parts


def same_person(entity: Entity, words: list[str], known: NamedActor | None) -> bool:
    """"Vladimir Putin" and "Vladimir Vladimirovich Putin": same surname, and one
    name's words contain the other's."""
    if known is not None and entity.known is not None:
        return known is entity.known
    mine = entity.name.split()
    return bool(mine) and mine[-1] == words[-1] and (set(mine) <= set(words) or set(words) <= set(mine))
