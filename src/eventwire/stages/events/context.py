"""Who is who in an article, as the event coder sees it: which tokens are people, groups
or countries, whose a thing is, which country a place is in, which tokens a phrase
coordinates. Every other part of the stage asks these questions of one `EventContext`,
built once per article; the token-shape questions that need no article are plain
functions at the top.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...document.layers import ActorMention, Entity, Quote
from ...knowledge.events import INTERNATIONAL, EventKnowledge, EventWords
from ...nlp import index
from ...nlp.model import datelines

# In a quotation these pronouns are the speaker ("come to meet me", "we demand").
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# Prepositions that say where something is or happens ("in Tel Aviv", "near the border").
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "into", "across", "through", "throughout",
                                   "around", "on", "inside", "along"})
# Nouns whose place is the country across them.
BOUNDARIES = frozenset({"border", "frontier", "boundary"})
# Dependency labels of a clause's subject.
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def is_hyphen_word(token: Token) -> bool:
    """The last part of a hyphenated noun the tagger split ("sit-in", "walk-out")."""
    doc = token.doc
    return (token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
            and not doc[token.i - 2].whitespace_ and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos"))


def is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") or is_hyphen_word(token)


def object_of(verb: Token) -> Token | None:
    """The verb's object; for a passive, its subject ("sanctions were imposed")."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None and any(c.dep_ == "auxpass" for c in verb.children):
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if obj is None:
        # "set fire to", "put under investigation": an object behind a particle
        prt = next((c for c in verb.children if c.dep_ == "prt"), None)
        if prt is not None:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj


def quote_at(doc: Doc) -> dict[int, Quote]:
    """Token index -> the quote whose words it is part of (the first, where quotes overlap)."""
    quote_of: dict[int, Quote] = {}
    for quote in doc._.layers.quotes:
        for part in quote.parts:
            span = doc.char_span(part.start, part.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    quote_of.setdefault(token.i, quote)
    return quote_of


class EventContext:
    """One article's Doc with its word lists and token indexes, and the who-is-who questions."""

    def __init__(self, doc: Doc, knowledge: EventKnowledge):
        self.doc = doc
        self.knowledge = knowledge
        self.words: EventWords = knowledge.words
        self.actor_at: dict[int, ActorMention] = index.actor_at(doc)
        self.entity_at: dict[int, Entity] = index.entity_at(doc)
        self.quote_of: dict[int, Quote] = quote_at(doc)
        self._story: tuple[str, str] | None | bool = False  # not yet worked out

    def story_country(self) -> tuple[str, str] | None:
        """(country, why) of the country the story is about, for people and bodies of no stated
        country that nothing nearer places ("police", "the court", a person the knowledge base
        does not know): the country of the place in the dateline, else the country the article
        names most often — when one clearly leads. International codes are no one's country."""
        if self._story is False:
            self._story = self._story_country()
        return self._story

    def _story_country(self) -> tuple[str, str] | None:
        for start, dash in datelines(self.doc):
            for k in range(start, dash):
                entity = self.entity_at.get(k)
                if entity is not None and entity.country and entity.country not in INTERNATIONAL:
                    return entity.country, "the country of the dateline"
        counts: dict[str, int] = {}
        for entity in self.doc._.layers.entities:
            if entity.country and entity.country not in INTERNATIONAL:
                counts[entity.country] = counts.get(entity.country, 0) + len(entity.mentions)
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
            return None
        return max(counts, key=counts.get), "the country the story names most"

    def dateline_place(self) -> Token | None:
        """The first token of a place named in the dateline, if the article has one."""
        for start, dash in datelines(self.doc):
            for k in range(start, dash):
                if k in self.entity_at and self.entity_at[k].country:
                    return self.doc[k]
        return None

    def is_actor(self, token: Token) -> bool:
        """A person, group or country (not a thing that belongs to one)."""
        if token.pos_ == "PRON":
            return token.lower_ not in ("it", "this", "that", "what", "which")
        token = self.partitive(token)  # "dozens of protesters"
        return token.i in self.actor_at or token.i in self.entity_at or self.group_reference(token) is not None

    def partitive(self, head: Token) -> Token:
        """ "a group of Moroccan diplomats", "thousands of Nigerians": the people after "of"."""
        partitives = self.words.partitives
        if head.lemma_.lower() in partitives or head.lower_ in partitives or head.like_num:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self.partitive(pobj)
        return head

    def coordinated(self, head: Token) -> list[Token]:
        """The head and the heads coordinated with it ("Israel and Egypt")."""
        heads = [head]
        entity = self.entity_at.get(head.i)
        is_country = entity is not None and entity.nation is not None
        for child in head.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                heads.extend(self.coordinated(child))
            elif child.dep_ == "appos" and is_country and child.i in self.entity_at \
                    and self.entity_at[child.i].nation is not None:
                heads.extend(self.coordinated(child))  # "Saudi Arabia, the UAE, Bahrain and Egypt"
        return heads

    def coordinated_countries(self, head: Token) -> list[str]:
        """ "U.S. and Russian negotiators": the two or more countries of coordinated modifiers."""
        found = []
        for mod in head.lefts:
            if mod.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in mod.children):
                for token in [mod] + [c for c in mod.subtree if c.dep_ == "conj"]:
                    entity = self.entity_at.get(token.i)
                    if entity is not None and entity.nation is not None and entity.country:
                        found.append(entity.country)
        return found if len(found) >= 2 else []

    def group_reference(self, head: Token) -> list[str] | None:
        """ "the two countries", "both sides", "the neighbouring countries": the two
        countries mentioned most before this point, when the phrase names none."""
        if head.lemma_.lower() not in self.words.group_nouns or head.tag_ not in ("NNS", "NNPS"):
            return None
        determiners = {c.lower_ for c in head.lefts}
        if not determiners & {"the", "both", "two"}:
            return None
        if any(c.i in self.entity_at for c in head.subtree if c.i != head.i):
            return None
        counts: dict[str, int] = {}
        for entity in self.doc._.layers.entities:
            if entity.nation is None or not entity.country:
                continue
            counts[entity.country] = counts.get(entity.country, 0) + sum(1 for m in entity.mentions if m.end <= head.idx)
        ranked = sorted((c for c in counts.items() if c[1]), key=lambda kv: -kv[1])
        if len(ranked) < 2 or (len(ranked) > 2 and ranked[1][1] == ranked[2][1]):
            return None
        return [ranked[0][0], ranked[1][0]]

    def owner_of(self, thing: Token, depth: int = 0) -> Token | None:
        """Whose the thing is: "Syria's offices", "offices of the Palestinian
        administrators", "a camp for Congolese refugees", "Israeli changes"."""
        named = [c for c in thing.lefts if c.dep_ in ("amod", "compound", "nmod")
                 and (c.i in self.entity_at or c.i in self.actor_at)]
        if not named:
            # "a British-flagged tanker": the country inside a hyphenated modifier
            named = [g for c in thing.lefts if c.dep_ in ("amod", "compound")
                     for g in c.lefts if g.i in self.entity_at and self.entity_at[g.i].nation is not None]
        for child in thing.children:
            if child.dep_ == "poss" and self.is_actor(child) and not (child.pos_ == "PRON" and named):
                return child
        if named:
            return named[-1]  # "proposed Israeli changes"
        for child in thing.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "by", "from", "including", "at", "with", "against"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self.is_actor(pobj):
                    return pobj
                if pobj is not None and depth < 2:
                    # "the independence of Georgia's breakaway regions"
                    deeper = self.owner_of(pobj, depth + 1)
                    if deeper is not None:
                        return deeper
        for child in thing.children:
            # "settlements in the Gaza Strip": things in a place belong to its country
            if child.dep_ == "prep" and child.lower_ in ("in", "inside", "near"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self.place_country(pobj):
                    return pobj
        return None

    def place_country(self, token: Token) -> str | None:
        """The country of a place the token names ("in Gaza", "Nigeria's Borno state")."""
        entity = self.entity_at.get(token.i)
        if entity is not None and entity.country and (entity.nation is not None or entity.type in ("GPE", "LOC", "FAC")):
            return entity.country
        if entity is None and token.lemma_.lower() in BOUNDARIES and not any(
                c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children):
            # "along its border with Guyana": the country across it; but "near Macedonia's
            # border with Bulgaria" is Macedonia's side (the named owner, below)
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("with", "of"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in BOUNDARIES:
                            return self.place_country(pobj)
        if entity is None and token.pos_ in ("NOUN", "PROPN"):
            # "Nigeria's Borno state", "the Kashmir valley": the place named before the noun
            for child in token.lefts:
                if child.dep_ in ("poss", "compound", "amod") and child.i in self.entity_at:
                    inner = self.entity_at[child.i]
                    if inner.country and (inner.nation is not None or inner.type in ("GPE", "LOC", "FAC")):
                        return inner.country
        return None
