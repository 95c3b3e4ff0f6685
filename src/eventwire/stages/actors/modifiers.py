"""What the words around a head say: the sector term a word is, the country or organisation
a word names, the country among a phrase's modifiers and in its of/in phrase, and the home
of a group named by its backer."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from ...document.article import CharSpan
from ...document.layers import Entity, Mention
from ...knowledge import Knowledge
from ...knowledge.terms import AGENT, MODIFIER, TITLE, Term
from ...nlp.index import mention_at
from ...nlp.syntax import sentence_of, sentence_start


class PhraseReader:
    """Reads one Doc's words against its entities and the knowledge. Built once per article;
    the entity list is shared with the coders, which may add office holders to it."""

    def __init__(self, doc: Doc, knowledge: Knowledge, entities: list[Entity]):
        self.doc = doc
        self.knowledge = knowledge
        self.entities = entities
        # token -> (entity, mention) of the first mention over it, as the layer stood
        # when this stage began: mentions added by linking an office are not in it
        self.at: dict[int, tuple[Entity, Mention]] = mention_at(doc)
        self.backing = knowledge.words("actors", "backing")
        self.ethnic = knowledge.words("actors", "ethnic")
        self.pro = knowledge.words("actors", "pro")

    def term_at(self, k: int, kinds=(AGENT, MODIFIER)) -> tuple[Term, CharSpan] | None:
        """The sector term doc[k] is, by its form or its lemma."""
        token = self.doc[k]
        for word in (token.lower_, token.lemma_.lower()):
            term = self.knowledge.terms.get(word)
            if term is not None and term.sectors and term.kinds & set(kinds):
                return term, CharSpan.of(token)
        return None

    def agent_term(self, token: Token) -> tuple[Term, CharSpan, str] | None:
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

    def country_of(self, k: int) -> tuple[str, Entity] | None:
        """The country doc[k] names: a country, or a place with a country."""
        found = self.at.get(k)
        if found is None:
            return None
        entity, mention = found
        if entity.country and (entity.nation is not None or entity.type in ("GPE", "LOC")):
            return entity.country, entity
        return None

    def country_before(self, k: int) -> tuple[str, CharSpan] | None:
        """A country written right before position k: "Russian" President, "Russia"
        Foreign Minister, "Ukraine's" president."""
        doc = self.doc
        j = k - 1
        if j >= 0 and doc[j].text in ("'s", "’s", "'", "’"):
            j -= 1
        if j < 0 or (k < len(doc) and sentence_start(doc, j) != sentence_start(doc, k)):
            return None
        found = self.country_of(j)
        if found is None:
            return None
        entity, mention = self.at[j]
        return found[0], mention.span

    def organisation_at(self, k: int) -> Entity | None:
        found = self.at.get(k)
        if found is not None and found[0].type == "ORG":
            return found[0]
        return None

    def modifier_country(self, start: int, end: int) -> tuple[str | None, CharSpan | None, str | None]:
        """The country among a phrase's modifiers, and a backer ("Russia-backed")."""
        doc = self.doc
        country = span = backer = None
        k = start
        while k < end:
            found = self.country_of(k)
            if found is None:
                organisation = self.organisation_at(k)
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

    def modifier_sectors(self, start: int, end: int) -> tuple[Term | Entity, CharSpan] | None:
        """The leftmost sector word among the modifiers ("former", "military", "riot"); an
        organisation modifying the head ("Kremlin spokesman", "Hamas fighters") when
        there is none."""
        organisation = None
        for k in range(start, end):
            if k in self.at:
                entity = self.organisation_at(k)
                if organisation is None and entity is not None and entity.sectors:
                    organisation = (entity, self.at[k][1].span)
                continue
            found = self.term_at(k, kinds=(MODIFIER,))
            if found is not None:
                return found
        return organisation

    def pp_country(self, head: Token) -> tuple[str, CharSpan, int] | None:
        """ "the president of the Russian Federation", "rebels in Darfur": the country and
        the token after it, where the phrase ends."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                found = self.country_of(obj.i)
                if found is None:
                    continue
                return found[0], self.at[obj.i][1].span, obj.i + 1
        return None

    def home_country(self, head: Token, backer: str) -> tuple[str, CharSpan] | None:
        """Where a group named by another country lives: the nearest other country of the
        sentence, else the article's most mentioned country other than the backer."""
        sentence = sentence_of(self.doc, head.i)
        best = None
        for k in range(sentence.start, sentence.end):
            found = self.country_of(k)
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
