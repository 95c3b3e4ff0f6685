"""Which noun phrases are actors, and what each is coded as.

A noun phrase whose head is an entity or an agent noun ("official", "troops",
"separatists") is coded from its head, its modifiers ("Russian" -> RUS, "military" ->
MIL, the leftmost sector word wins) and an of/in phrase ("the president of the Russian
Federation"). "Russia-backed separatists" names the backer, not the home: the home is
the other country of the sentence, else the article's most mentioned one. A capital
as subject ("Moscow says") is its government. A definite office with a country and no
name ("the president of the Russian Federation") is linked to its holder on the
publication date.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from ...document.article import CharSpan
from ...document.layers import ActorMention, Entity, Evidence, Mention
from ...knowledge.terms import TITLE, Term
from ...nlp.syntax import phrase_start
from .modifiers import PhraseReader
from .offices import link_office

GOV = "GOV"


class PhraseCoder:
    def __init__(self, reader: PhraseReader, when: date | None):
        self.reader = reader
        self.doc = reader.doc
        self.at = reader.at
        self.when = when
        self.locative = reader.knowledge.words("actors", "locative")
        self.group_heads = reader.knowledge.words("actors", "group_heads")

    def find_phrases(self) -> list[ActorMention]:
        """Every actor phrase of the article, one per phrase head, in text order."""
        doc = self.doc
        found: list[ActorMention] = []
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.is_punct:
                continue
            if token.dep_ in ("compound", "amod", "flat") and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
                continue
            actor = self.code_phrase(token)
            if actor is not None:
                found.append(actor)
        # A country name the parser split off a person's phrase ("Russia" in "Russia
        # Foreign Minister Sergei Lavrov") is part of that phrase, not an actor of its own.
        return [a for a in found if not (
            a.entity is not None and a.entity.nation is not None and a.j - a.i == 1
            and any(b is not a and b.i <= a.i and a.j <= b.j and b.head != a.head
                    and b.entity is not None and b.entity.type == "PERSON" for b in found))]

    def code_phrase(self, head: Token) -> ActorMention | None:
        """The actor the phrase headed by `head` names, if any."""
        owner = self.at.get(head.i)
        if owner is not None:
            entity, mention = owner
            return self.code_named_head(head, entity, mention)
        term = self.reader.agent_term(head)
        if term is None:
            # "army units", "police officers": a generic head with an agent noun before it.
            compounds = [c for c in head.lefts if c.dep_ == "compound" and c.i == head.i - 1]
            if compounds and compounds[0].i not in self.at and head.lower_ in self.group_heads:
                term = self.reader.agent_term(compounds[0])
        if term is None:
            return self.code_group_head(head)
        return self.code_agent_head(head, term)

    def code_named_head(self, head: Token, entity: Entity, mention: Mention) -> ActorMention | None:
        """The head is (part of) an entity's mention: "Putin", "Russia", "Moscow says"."""
        doc = self.doc
        reader = self.reader
        if mention.kind == "adjective":
            return None
        if entity.nation is not None and mention.kind == "demonym" and mention.i > 0 \
                and doc[mention.i - 1].lower_ in reader.ethnic:
            home = reader.home_country(head, entity.country)
            start = mention.i - 1
            evidence = [Evidence("country", "text", home[1], f"home of ethnic {entity.name}")] if home else []
            return ActorMention(self._span(start, head.i + 1), start, head.i + 1, head.i, home[0] if home else None,
                                ["CVL"], None, entity.country, evidence)
        place_like = entity.nation is not None or entity.type in ("GPE", "LOC", "FAC")
        if place_like and mention.kind != "metonym":
            if entity.nation is None:
                return None  # a city or region is a place, not an actor
            if head.dep_ == "pobj" and head.head.lower_ in self.locative:
                return None
        start = phrase_start(head)
        end = head.i + 1
        if mention.kind == "name":
            end = max(end, mention.j)  # "The Bank of Ghana": the name runs past its head
        if entity.type == "PERSON":
            start = min(start, mention.i)
            before = reader.country_before(mention.i)
            if before is not None:
                # "Russia's Foreign Minister Lavrov": the country written before the name
                k = mention.i - 1
                while k > 0 and (doc[k].text in ("'s", "’s") or k in self.at and self.at[k][0].country == before[0]):
                    k -= 1
                start = min(start, k + 1)
        country, country_span, backer, end = self._country_of_phrase(head, start, min(head.i, mention.i), end)
        evidence: list[Evidence] = []
        if mention.kind == "metonym":
            actor_country, sectors = entity.country, [GOV]
            evidence.append(Evidence("sectors", "text", mention.span, "capital used for its government"))
        else:
            actor_country, sectors = entity.country, list(entity.sectors)
        if actor_country is None and country is not None:
            actor_country = country
            evidence.append(Evidence("country", "text", country_span))
        elif actor_country is not None:
            evidence.append(Evidence("country", "entity", mention.span, entity.id))
        if backer is not None and entity.country in (None, backer):
            actor_country = self._home_of_backed_group(head, backer, evidence)
        if actor_country is None and not sectors:
            return None
        return ActorMention(self._span(start, end), start, end, head.i, actor_country, sectors, entity, backer,
                            evidence)

    def code_agent_head(self, head: Token, term: tuple[Term, CharSpan, str]) -> ActorMention | None:
        """The head is an agent noun ("officials", "the Russian foreign minister", "army
        units"): sectors from the modifiers or the noun, country from the modifiers."""
        reader = self.reader
        start = phrase_start(head)
        modifier_end = head.i - (len(term[2].split()) - 1)  # the term's own words are no modifiers
        country, country_span, backer, end = self._country_of_phrase(head, start, modifier_end, head.i + 1)
        sectors_term = reader.modifier_sectors(start, modifier_end)
        evidence: list[Evidence] = []
        if sectors_term is None:
            sectors = list(term[0].sectors)
            evidence.append(Evidence("sectors", term[0].source, term[1]))
        elif isinstance(sectors_term[0], Entity):
            sectors = list(sectors_term[0].sectors)
            evidence.append(Evidence("sectors", "entity", sectors_term[1], sectors_term[0].id))
        else:
            sectors = list(sectors_term[0].sectors)
            evidence.append(Evidence("sectors", sectors_term[0].source, sectors_term[1]))
        actor_country = country
        if country is not None:
            evidence.append(Evidence("country", "text", country_span))
        if backer is not None:
            actor_country = self._home_of_backed_group(head, backer, evidence)
        if actor_country is None and not sectors:
            return None
        actor = ActorMention(self._span(start, end), start, end, head.i, actor_country, sectors, None, backer,
                             evidence)
        named = self.apposed_person(head)
        # A title names a person ("NATO chief"); a group noun names the group.
        inner = self.named_organisation(head) if TITLE not in term[0].kinds else None
        if inner is not None and named is None:
            # "The M23 rebel group", "Hamas fighters": the organisation named in the phrase.
            actor.entity = inner
            actor.evidence.append(Evidence("entity", "text", inner.mentions[0].span, "named in the phrase"))
        elif named is not None:
            actor.entity = named
            actor.evidence.append(Evidence("entity", "text", named.mentions[0].span, "in apposition"))
        elif TITLE in term[0].kinds and actor_country:
            link_office(reader, actor, term, start, self.when)
        return actor

    def code_group_head(self, head: Token) -> ActorMention | None:
        """Neither entity nor agent noun: "the al-Qaeda terror network" (an organisation
        named in the phrase), "the Turkish and Greek sides" (a group noun with a country)."""
        organisation = self.named_organisation(head)
        if organisation is not None and (organisation.country or organisation.sectors):
            start = phrase_start(head)
            return ActorMention(self._span(start, head.i + 1), start, head.i + 1, head.i, organisation.country,
                                list(organisation.sectors), organisation, None,
                                [Evidence("entity", "text", organisation.mentions[0].span, "named in the phrase")])
        if head.lower_ in self.group_heads:
            # a group with a country and no sector word
            country, span, backer = self.reader.modifier_country(phrase_start(head), head.i)
            if country is not None:
                start = phrase_start(head)
                return ActorMention(self._span(start, head.i + 1), start, head.i + 1, head.i, country, [], None,
                                    backer, [Evidence("country", "text", span)])
        return None

    def named_organisation(self, head: Token) -> Entity | None:
        """The one organisation named among the head's compounds ("the M23 rebel group")."""
        found = [self.at[c.i][0] for c in head.lefts if c.dep_ == "compound" and c.i in self.at]
        found = [e for e in found if e.type == "ORG"]
        return found[0] if len(found) == 1 else None

    def apposed_person(self, head: Token) -> Entity | None:
        """The person a description stands in apposition to ("X, the foreign minister")."""
        others = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            others.append(head.head)
        for other in others:
            owner = self.at.get(other.i)
            if owner is not None and owner[0].type == "PERSON":
                return owner[0]
        return None

    def _country_of_phrase(self, head: Token, start: int, modifier_end: int,
                           end: int) -> tuple[str | None, CharSpan | None, str | None, int]:
        """The country among the modifiers doc[start:modifier_end], else the one in an of/in
        phrase, which then ends the phrase; a backer; and where the phrase ends."""
        country, country_span, backer = self.reader.modifier_country(start, modifier_end)
        pp = self.reader.pp_country(head)
        if pp is not None and country is None:
            country, country_span, end = pp
        return country, country_span, backer, end

    def _home_of_backed_group(self, head: Token, backer: str, evidence: list[Evidence]) -> str | None:
        """ "Russia-backed separatists": the country is the group's home, not its backer."""
        home = self.reader.home_country(head, backer)
        if home:
            evidence.append(Evidence("country", "text", home[1], f"home of a group backed by {backer}"))
        return home[0] if home else None

    def _span(self, start: int, end: int) -> CharSpan:
        return CharSpan(self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text))
