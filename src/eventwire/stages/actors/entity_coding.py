"""What country and sectors each entity stands for, from its text first and the knowledge
base second.

A country is its own code; a place takes its country; a person takes the country and
office written next to the name ("Ukraine's president X", "X, the Turkish foreign
minister", "Russian President X") and, where the text is silent, the knowledge base's
coding on the publication date; an organisation takes its knowledge-base coding or the
words of its name ("Philippine Department of Agriculture" -> PHL GOV).
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from ...document.article import CharSpan
from ...document.layers import Entity, Evidence
from ...knowledge.actors import ELITE, Resolved, coding_at
from ...knowledge.terms import TITLE, Term
from ...nlp.syntax import phrase_start, sentence_start
from .modifiers import PhraseReader

# Countries and places first: people and organisations are coded from them.
CODING_ORDER = {"GPE": 0, "LOC": 0, "FAC": 0, "NORP": 0, "ORG": 1, "PERSON": 2}


class EntityCoder:
    def __init__(self, reader: PhraseReader, when: date | None):
        self.reader = reader
        self.doc = reader.doc
        self.knowledge = reader.knowledge
        self.when = when
        self.former = self.knowledge.words("titles", "former")

    def code_entities(self) -> None:
        """Fill in every entity's country, sectors and title, with their evidence."""
        for entity in sorted(self.reader.entities, key=lambda e: CODING_ORDER.get(e.type, 3)):
            if entity.nation is not None:
                entity.country = entity.nation.code
                entity.sectors = list(entity.nation.sectors)
                entity.evidence.append(Evidence("country", "countries.json", entity.mentions[0].span))
            elif entity.type in ("GPE", "LOC", "FAC"):
                if entity.place is not None and entity.place.country:
                    entity.country = entity.place.country
                    entity.evidence.append(Evidence("country", entity.place.source, entity.mentions[0].span,
                                                    f"{entity.place.name} ({entity.place.feature})"))
            elif entity.type == "PERSON":
                self.code_person(entity)
            elif entity.type == "ORG":
                self.code_organisation(entity)

    def code_person(self, entity: Entity) -> None:
        doc = self.doc
        country = None
        country_span = None
        former = False
        described = None  # "X, Algeria's leading human rights activist": the agent term apposed
        for mention in entity.mentions:
            if mention.kind != "name":
                continue
            # "former" may stand before a country word: "Former Peruvian president X".
            lead = max(sentence_start(doc, mention.i), mention.i - 3)
            if any(t.lower_ in self.former for t in doc[lead:mention.j]):
                former = True
            found = self.reader.country_before(mention.i)
            if found is None and mention.i < mention.j - 1:
                found = self.affiliation_before(mention.i)
            if found is None:
                found, title, role = self.apposition(doc[mention.j - 1])
                if role is not None and described is None:
                    described = role
                if title and entity.title is None:
                    entity.title = title[0]
                    entity.title_span = title[1]
                    entity.evidence.append(Evidence("title", "text", title[1]))
            if found is not None and country is None:
                country, country_span = found
        title_sectors = self.title_sectors(entity.title)
        resolved = coding_at(entity.known, self.when) if entity.known is not None else None
        if country is not None:
            entity.country = country
            entity.evidence.append(Evidence("country", "text", country_span))
        elif resolved is not None and resolved.country:
            entity.country = resolved.country
            entity.evidence.append(Evidence("country", resolved.coding.source, None, describe(resolved)))
        if former:
            entity.sectors = [ELITE]
            entity.evidence.append(Evidence("sectors", "text", entity.title_span, "former office holder"))
        elif title_sectors:
            entity.sectors = list(title_sectors[0].sectors)
            entity.evidence.append(Evidence("sectors", title_sectors[0].source, entity.title_span))
        elif resolved is not None:
            entity.sectors = list(resolved.sectors)
            entity.evidence.append(Evidence("sectors", resolved.coding.source, None, describe(resolved)))
        elif described is not None:
            entity.sectors = list(described[0].sectors)
            entity.evidence.append(Evidence("sectors", described[0].source, described[1], "in apposition"))
        if entity.title is None and resolved is not None and resolved.status == "current" and resolved.title:
            entity.title = resolved.title
            entity.evidence.append(Evidence("title", resolved.coding.source, None, describe(resolved)))

    def code_organisation(self, entity: Entity) -> None:
        if entity.known is not None:
            resolved = coding_at(entity.known, self.when)
            if resolved is not None:
                entity.country = resolved.country
                entity.sectors = list(resolved.sectors)
                entity.evidence.append(Evidence("country", resolved.coding.source, None, describe(resolved)))
                return
        mention = max(entity.mentions, key=lambda m: m.j - m.i)
        tokens = list(self.doc[mention.i:mention.j])
        for token in tokens:
            found = self.knowledge.countries.lookup(token.text)
            if found is not None and found[1] != "capital":  # "the Paris Club" is not French
                entity.country = found[0].code
                entity.evidence.append(Evidence("country", "text", CharSpan.of(token)))
                break
        before_of = []
        for token in tokens:
            if token.lower_ == "of":
                break
            before_of.append(token)
        term_at = self.reader.term_at
        head_terms = [t for t in (term_at(k) for k in range(mention.i, mention.i + len(before_of))) if t]
        all_terms = [t for t in (term_at(k) for k in range(mention.i, mention.j)) if t]
        term = (head_terms[-1] if head_terms else None) or (all_terms[0] if all_terms else None)
        if term is not None:
            entity.sectors = list(term[0].sectors)
            entity.evidence.append(Evidence("sectors", term[0].source, term[1]))

    def title_sectors(self, title: str | None) -> tuple[Term, str] | None:
        """The sectors of the longest term a title ends with ("Deputy Foreign Minister")."""
        if not title:
            return None
        words = title.lower().replace(".", ". ").split()
        for n in range(len(words)):
            term = self.knowledge.terms.get(" ".join(words[n:]))
            if term is not None and term.sectors:
                return term, title
        return None

    def affiliation_before(self, k: int) -> tuple[str, CharSpan] | None:
        """An organisation written before a title ("U.N. Secretary-General", "NATO chief"):
        the office holder belongs to it."""
        doc = self.doc
        at = self.reader.at
        j = k - 1
        if j >= 0 and doc[j].text in ("'s", "’s"):
            j -= 1
        found = at.get(j) if j >= 0 else None
        if found is None or found[0].type != "ORG" or not found[0].country:
            return None
        if sentence_start(doc, j) != sentence_start(doc, min(k, len(doc) - 1)):
            return None
        return found[0].country, found[1].span

    def apposition(self, head: Token) -> tuple[tuple[str, CharSpan] | None, tuple[str, CharSpan] | None,
                                              tuple[Term, CharSpan] | None]:
        """ "X, the Turkish foreign minister," or "Ukraine's president, X": the country and
        title in the apposed phrase; for a description that is no title ("X, Algeria's
        leading human rights activist") the country and the agent term."""
        reader = self.reader
        others = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            others.append(head.head)
        for other in others:
            term = reader.agent_term(other)
            if term is None:
                continue
            start = phrase_start(other)
            for k in range(start, other.i):
                found = reader.country_of(k)
                if found is not None:
                    country = (found[0], reader.at[k][1].span)
                    if TITLE not in term[0].kinds:
                        return country, None, (term[0], term[1])
                    title_text = term[2]
                    return country, (title_text.title() if title_text.islower() else title_text, term[1]), None
        return None, None, None


def describe(resolved: Resolved) -> str:
    """A knowledge-base coding as evidence says it: who, what, which country, when, and
    whether it holds on the publication date."""
    coding = resolved.coding
    period = f"{coding.start or '…'} to {coding.end or 'now'}"
    what = coding.title or "/".join(coding.sectors) or "listed"
    return f"{resolved.actor.name}: {what} ({coding.country or 'no country'}), {period}; {resolved.status}"
