"""Actors: a PLOVER country and sectors for every entity and every actor-like phrase,
with the words or knowledge records that justify each field.

Entities: a country is its own code; a place takes its country; a person takes the
country and office written next to the name ("Ukraine's president X", "X, the Turkish
foreign minister", "Russian President X") and, where the text is silent, the knowledge
base's coding on the publication date; an organisation takes its knowledge-base coding
or the words of its name ("Philippine Department of Agriculture" -> PHL GOV).

Phrases: a noun phrase whose head is an entity or an agent noun ("official", "troops",
"separatists") is coded from its head, its modifiers ("Russian" -> RUS, "military" ->
MIL, the leftmost sector word wins) and an of/in phrase ("the president of the Russian
Federation"). "Russia-backed separatists" names the backer, not the home: the home is
the other country of the sentence, else the article's most mentioned one. A capital
as subject ("Moscow says") is its government. A definite office with a country and no
name ("the president of the Russian Federation") is linked to its holder on the
publication date.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc, Token

from ..document.article import CharSpan
from ..document.layers import ActorMention, Entity, Evidence, Mention
from ..knowledge import Knowledge
from ..knowledge.actors import coding_at
from ..knowledge.terms import AGENT, MODIFIER, TITLE, Term
from ..nlp.index import mention_at
from ..nlp.syntax import phrase_start, sentence_of, sentence_start
from .base import Resources

GOV = "GOV"
ELI = "ELI"


def add_actors(doc: Doc, resources: Resources) -> None:
    coder = ActorCoder(doc, resources)
    coder.code_entities()
    doc._.layers.actors = coder.find_phrases()
    # Offices linked to their holders may have added entities.
    doc._.layers.entities = coder.entities


class ActorCoder:
    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        self.knowledge: Knowledge = resources.knowledge
        self.when: date | None = doc._.article.published if doc._.article else None
        self.entities: list[Entity] = list(doc._.layers.entities)
        self.at: dict[int, tuple[Entity, Mention]] = mention_at(doc)
        self.backing = self.knowledge.words("actors", "backing")
        self.ethnic = self.knowledge.words("actors", "ethnic")
        self.pro = self.knowledge.words("actors", "pro")
        self.locative = self.knowledge.words("actors", "locative")
        self.former = self.knowledge.words("titles", "former")
        self.group_heads = self.knowledge.words("actors", "group_heads")

    # ---- entities -------------------------------------------------------------

    def code_entities(self) -> None:
        # Countries and places first: people and organisations are coded from them.
        order = {"GPE": 0, "LOC": 0, "FAC": 0, "NORP": 0, "ORG": 1, "PERSON": 2}
        for entity in sorted(self.entities, key=lambda e: order.get(e.type, 3)):
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
                self._code_person(entity)
            elif entity.type == "ORG":
                self._code_organisation(entity)

    def _code_person(self, entity: Entity) -> None:
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
            found = self._country_before(mention.i)
            if found is None and mention.i < mention.j - 1:
                found = self._affiliation_before(mention.i)
            if found is None:
                found, title, role = self._apposition(doc[mention.j - 1])
                if role is not None and described is None:
                    described = role
                if title and entity.title is None:
                    entity.title = title[0]
                    entity.title_span = title[1]
                    entity.evidence.append(Evidence("title", "text", title[1]))
            if found is not None and country is None:
                country, country_span = found
        title_sectors = self._title_sectors(entity.title)
        resolved = coding_at(entity.known, self.when) if entity.known is not None else None
        if country is not None:
            entity.country = country
            entity.evidence.append(Evidence("country", "text", country_span))
        elif resolved is not None and resolved.country:
            entity.country = resolved.country
            entity.evidence.append(Evidence("country", resolved.coding.source, None, _describe(resolved)))
        if former:
            entity.sectors = [ELI]
            entity.evidence.append(Evidence("sectors", "text", entity.title_span, "former office holder"))
        elif title_sectors:
            entity.sectors = list(title_sectors[0].sectors)
            entity.evidence.append(Evidence("sectors", title_sectors[0].source, entity.title_span))
        elif resolved is not None:
            entity.sectors = list(resolved.sectors)
            entity.evidence.append(Evidence("sectors", resolved.coding.source, None, _describe(resolved)))
        elif described is not None:
            entity.sectors = list(described[0].sectors)
            entity.evidence.append(Evidence("sectors", described[0].source, described[1], "in apposition"))
        if entity.title is None and resolved is not None and resolved.status == "current" and resolved.title:
            entity.title = resolved.title
            entity.evidence.append(Evidence("title", resolved.coding.source, None, _describe(resolved)))

    def _code_organisation(self, entity: Entity) -> None:
        if entity.known is not None:
            resolved = coding_at(entity.known, self.when)
            if resolved is not None:
                entity.country = resolved.country
                entity.sectors = list(resolved.sectors)
                entity.evidence.append(Evidence("country", resolved.coding.source, None, _describe(resolved)))
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
        head_terms = [t for t in (self._term_at(k) for k in range(mention.i, mention.i + len(before_of))) if t]
        all_terms = [t for t in (self._term_at(k) for k in range(mention.i, mention.j)) if t]
        term = (head_terms[-1] if head_terms else None) or (all_terms[0] if all_terms else None)
        if term is not None:
            entity.sectors = list(term[0].sectors)
            entity.evidence.append(Evidence("sectors", term[0].source, term[1]))

    def _term_at(self, k: int, kinds=(AGENT, MODIFIER)) -> tuple[Term, CharSpan] | None:
        token = self.doc[k]
        for word in (token.lower_, token.lemma_.lower()):
            term = self.knowledge.terms.get(word)
            if term is not None and term.sectors and term.kinds & set(kinds):
                return term, CharSpan.of(token)
        return None

    def _title_sectors(self, title: str | None) -> tuple[Term, str] | None:
        if not title:
            return None
        words = title.lower().replace(".", ". ").split()
        for n in range(len(words)):
            term = self.knowledge.terms.get(" ".join(words[n:]))
            if term is not None and term.sectors:
                return term, title
        return None

    def _country_of(self, k: int) -> tuple[str, Entity] | None:
        found = self.at.get(k)
        if found is None:
            return None
        entity, mention = found
        if entity.country and (entity.nation is not None or entity.type in ("GPE", "LOC")):
            return entity.country, entity
        return None

    def _affiliation_before(self, k: int) -> tuple[str, CharSpan] | None:
        """An organisation written before a title ("U.N. Secretary-General", "NATO chief"):
        the office holder belongs to it."""
        doc = self.doc
        j = k - 1
        if j >= 0 and doc[j].text in ("'s", "’s"):
            j -= 1
        found = self.at.get(j) if j >= 0 else None
        if found is None or found[0].type != "ORG" or not found[0].country:
            return None
        if sentence_start(doc, j) != sentence_start(doc, min(k, len(doc) - 1)):
            return None
        return found[0].country, found[1].span

    def _country_before(self, k: int) -> tuple[str, CharSpan] | None:
        """A country written right before position k: "Russian" President, "Russia"
        Foreign Minister, "Ukraine's" president."""
        doc = self.doc
        j = k - 1
        if j >= 0 and doc[j].text in ("'s", "’s", "'", "’"):
            j -= 1
        if j < 0 or (k < len(doc) and sentence_start(doc, j) != sentence_start(doc, k)):
            return None
        found = self._country_of(j)
        if found is None:
            return None
        entity, mention = self.at[j]
        return found[0], mention.span

    def _apposition(self, head: Token) -> tuple[tuple[str, CharSpan] | None, tuple[str, CharSpan] | None,
                                               tuple[Term, CharSpan] | None]:
        """ "X, the Turkish foreign minister," or "Ukraine's president, X": the country and
        title in the apposed phrase; for a description that is no title ("X, Algeria's
        leading human rights activist") the country and the agent term."""
        others = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            others.append(head.head)
        for other in others:
            term = self._agent_term(other)
            if term is None:
                continue
            start = phrase_start(other)
            for k in range(start, other.i):
                found = self._country_of(k)
                if found is not None:
                    country = (found[0], self.at[k][1].span)
                    if TITLE not in term[0].kinds:
                        return country, None, (term[0], term[1])
                    title_text = term[2]
                    return country, (title_text.title() if title_text.islower() else title_text, term[1]), None
        return None, None, None

    # ---- phrases --------------------------------------------------------------

    def _agent_term(self, token: Token) -> tuple[Term, CharSpan, str] | None:
        """The longest agent term ending at `token` ("security forces", "foreign minister")."""
        doc = self.doc
        terms = self.knowledge.terms
        lower = token.lower_
        if lower not in terms.last_words and token.lemma_.lower() not in terms.by_term:
            return None
        start_limit = sentence_start(self.doc, token.i)
        longest = terms.longest if lower in terms.last_words else 1
        for n in range(min(longest, token.i - start_limit + 1), 0, -1):
            words = doc[token.i - n + 1:token.i + 1]
            text = " ".join(t.lower_ for t in words)
            term = terms.get(text)
            if term is None and n == 1:
                term = terms.get(token.lemma_.lower())
            if term is not None and term.sectors and (AGENT in term.kinds or TITLE in term.kinds):
                return term, CharSpan(words.start_char, words.end_char), words.text
        return None

    def find_phrases(self) -> list[ActorMention]:
        doc = self.doc
        found: list[ActorMention] = []
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.is_punct:
                continue
            if token.dep_ in ("compound", "amod", "flat") and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
                continue
            actor = self._code_phrase(token)
            if actor is not None:
                found.append(actor)
        # A country name the parser split off a person's phrase ("Russia" in "Russia
        # Foreign Minister Sergei Lavrov") is part of that phrase, not an actor of its own.
        return [a for a in found if not (
            a.entity is not None and a.entity.nation is not None and a.j - a.i == 1
            and any(b is not a and b.i <= a.i and a.j <= b.j and b.head != a.head
                    and b.entity is not None and b.entity.type == "PERSON" for b in found))]

    def _code_phrase(self, head: Token) -> ActorMention | None:
        doc = self.doc
        owner = self.at.get(head.i)
        entity = owner[0] if owner else None
        mention = owner[1] if owner else None
        term = None if entity is not None else self._agent_term(head)
        if entity is None and term is None:
            # "army units", "police officers": a generic head with an agent noun before it.
            compounds = [c for c in head.lefts if c.dep_ == "compound" and c.i == head.i - 1]
            if compounds and compounds[0].i not in self.at and head.lower_ in self.group_heads:
                term = self._agent_term(compounds[0])
            if term is None:
                organisation = self._named_organisation(head)
                if organisation is not None and (organisation.country or organisation.sectors):
                    # "the al-Qaeda terror network", "the Taliban religious faction"
                    start = phrase_start(head)
                    return ActorMention(CharSpan(doc[start].idx, head.idx + len(head.text)), start, head.i + 1,
                                        head.i, organisation.country, list(organisation.sectors), organisation,
                                        None, [Evidence("entity", "text", organisation.mentions[0].span,
                                                        "named in the phrase")])
                if head.lower_ in self.group_heads:
                    # "the Turkish and Greek sides": a group with a country and no sector word
                    country, span, backer = self._modifier_country(phrase_start(head), head.i)
                    if country is not None:
                        start = phrase_start(head)
                        return ActorMention(CharSpan(doc[start].idx, head.idx + len(head.text)), start,
                                            head.i + 1, head.i, country, [], None, backer,
                                            [Evidence("country", "text", span)])
                return None
        if entity is not None:
            if mention.kind == "adjective":
                return None
            if entity.nation is not None and mention.kind == "demonym" and mention.i > 0 \
                    and doc[mention.i - 1].lower_ in self.ethnic:
                home = self._home_country(head, entity.country)
                start = mention.i - 1
                span = CharSpan(doc[start].idx, head.idx + len(head.text))
                evidence = [Evidence("country", "text", home[1], f"home of ethnic {entity.name}")] if home else []
                return ActorMention(span, start, head.i + 1, head.i, home[0] if home else None, ["CVL"], None,
                                    entity.country, evidence)
            place_like = entity.nation is not None or entity.type in ("GPE", "LOC", "FAC")
            if place_like and mention.kind != "metonym":
                if entity.nation is None:
                    return None  # a city or region is a place, not an actor
                if head.dep_ == "pobj" and head.head.lower_ in self.locative:
                    return None
        start = phrase_start(head)
        end = head.i + 1
        if mention is not None and mention.kind == "name":
            end = max(end, mention.j)  # "The Bank of Ghana": the name runs past its head
        evidence: list[Evidence] = []
        if entity is not None and entity.type == "PERSON" and mention is not None:
            start = min(start, mention.i)
            before = self._country_before(mention.i)
            if before is not None:
                k = mention.i - 1
                while k > 0 and (doc[k].text in ("'s", "’s") or k in self.at and self.at[k][0].country == before[0]):
                    k -= 1
                start = min(start, k + 1)
        modifier_end = head.i - (len(term[2].split()) - 1 if term else 0)
        if mention is not None:
            modifier_end = min(modifier_end, mention.i)
        country, country_span, backer = self._modifier_country(start, modifier_end)
        pp = self._pp_country(head)
        if pp is not None and country is None:
            country, country_span, end = pp
        sectors_term = self._modifier_sectors(start, modifier_end)
        if entity is not None:
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
        else:
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
        if backer is not None and (entity is None or entity.country in (None, backer)):
            home = self._home_country(head, backer)
            actor_country = home[0] if home else None
            if home:
                evidence.append(Evidence("country", "text", home[1], f"home of a group backed by {backer}"))
        if actor_country is None and not sectors:
            return None
        actor = ActorMention(CharSpan(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)),
                             start, end, head.i, actor_country, sectors, entity, backer, evidence)
        if entity is None:
            named = self._apposed_person(head)
            # A title names a person ("NATO chief"); a group noun names the group.
            inner = self._named_organisation(head) if term is None or TITLE not in term[0].kinds else None
            if inner is not None and named is None:
                # "The M23 rebel group", "Hamas fighters": the organisation named in the phrase.
                actor.entity = inner
                actor.evidence.append(Evidence("entity", "text", inner.mentions[0].span, "named in the phrase"))
            elif named is not None:
                actor.entity = named
                actor.evidence.append(Evidence("entity", "text", named.mentions[0].span, "in apposition"))
            elif term is not None and TITLE in term[0].kinds and actor_country:
                self._link_office(actor, term, start)
        return actor

    def _named_organisation(self, head: Token) -> Entity | None:
        found = [self.at[c.i][0] for c in head.lefts if c.dep_ == "compound" and c.i in self.at]
        found = [e for e in found if e.type == "ORG"]
        return found[0] if len(found) == 1 else None

    def _apposed_person(self, head: Token) -> Entity | None:
        """The person a description stands in apposition to ("X, the foreign minister")."""
        others = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            others.append(head.head)
        for other in others:
            owner = self.at.get(other.i)
            if owner is not None and owner[0].type == "PERSON":
                return owner[0]
        return None

    def _modifier_country(self, start: int, end: int) -> tuple[str | None, CharSpan | None, str | None]:
        """The country among a phrase's modifiers, and a backer ("Russia-backed")."""
        doc = self.doc
        country = span = backer = None
        k = start
        while k < end:
            found = self._country_of(k)
            if found is None:
                organisation = self._organisation_at(k)
                if organisation is not None and country is None and organisation.country:
                    country, span = organisation.country, self.at[k][1].span
                k = self.at[k][1].j if k in self.at else k + 1
                continue
            code, entity = found
            mention = self.at[k][1]
            after = doc[mention.j:mention.j + 2]
            before = doc[max(mention.i - 2, 0):mention.i]
            backed = (len(after) == 2 and after[0].text == "-" and after[1].lower_ in self.backing) or (
                len(after) >= 1 and after[0].lower_ in self.backing)
            pro = len(before) == 2 and before[0].lower_ in self.pro and before[1].text == "-"
            ethnic = mention.i > 0 and doc[mention.i - 1].lower_ in self.ethnic
            if ethnic:
                backer = backer or code  # "ethnic Albanians": a people, not Albania
            elif backed or pro:
                backer = code
            elif country is None:
                country, span = code, mention.span
            k = max(k + 1, mention.j)
        return country, span, backer

    def _organisation_at(self, k: int) -> Entity | None:
        found = self.at.get(k)
        if found is not None and found[0].type == "ORG":
            return found[0]
        return None

    def _modifier_sectors(self, start: int, end: int) -> tuple[Term | Entity, CharSpan] | None:
        """The leftmost sector word among the modifiers ("former", "military", "riot"); an
        organisation modifying the head ("Kremlin spokesman", "Hamas fighters") when
        there is none."""
        organisation = None
        for k in range(start, end):
            if k in self.at:
                entity = self._organisation_at(k)
                if organisation is None and entity is not None and entity.sectors:
                    organisation = (entity, self.at[k][1].span)
                continue
            found = self._term_at(k, kinds=(MODIFIER,))
            if found is not None:
                return found
        return organisation

    def _pp_country(self, head: Token) -> tuple[str, CharSpan, int] | None:
        """ "the president of the Russian Federation", "rebels in Darfur"."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                found = self._country_of(obj.i)
                if found is None:
                    continue
                return found[0], self.at[obj.i][1].span, obj.i + 1
        return None

    def _home_country(self, head: Token, backer: str) -> tuple[str, CharSpan] | None:
        sentence = sentence_of(self.doc, head.i)
        best = None
        for k in range(sentence.start, sentence.end):
            found = self._country_of(k)
            if found is None or found[0] == backer:
                continue
            distance = abs(k - head.i)
            if best is None or distance < best[0]:
                best = (distance, found[0], self.at[k][1].span)
        if best is not None:
            return best[1], best[2]
        counts = Counter(e.country for e in self.entities if e.nation is not None and e.country != backer
                         for _ in e.mentions)
        if counts:
            code = counts.most_common(1)[0][0]
            entity = next(e for e in self.entities if e.nation is not None and e.country == code)
            return code, entity.mentions[0].span
        return None

    def _link_office(self, actor: ActorMention, term: tuple[Term, CharSpan, str], start: int) -> None:
        """ "the president of the Russian Federation" -> the president on that date."""
        doc = self.doc
        if doc[start].lower_ in ("a", "an", "any", "some", "no") or doc[actor.head].tag_ in ("NNS", "NNPS"):
            return
        holder = self.knowledge.actors.holder(actor.country, term[2].lower(), self.when)
        if holder is None:
            return
        known, coding = holder
        entity = next((e for e in self.entities if e.known is known), None)
        if entity is None:
            entity = Entity(id=f"e{len(self.entities) + 1}", name=known.name, type="PERSON", known=known,
                            country=coding.country, sectors=list(coding.sectors), title=coding.title,
                            gender=known.gender)
            entity.evidence.append(Evidence("entity", coding.source, actor.span, "office holder on the publication date"))
            self.entities.append(entity)
        entity.add(Mention(actor.span.start, actor.span.end, actor.i, actor.j, "description"))
        actor.entity = entity
        actor.evidence.append(Evidence("entity", coding.source, actor.span, f"{known.name}, {coding.title or 'office holder'}"))


def _describe(resolved) -> str:
    coding = resolved.coding
    period = f"{coding.start or '…'} to {coding.end or 'now'}"
    what = coding.title or "/".join(coding.sectors) or "listed"
    return f"{resolved.actor.name}: {what} ({coding.country or 'no country'}), {period}; {resolved.status}"
