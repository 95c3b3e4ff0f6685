"""Pronouns resolved to the entity a careful reader would pick, or to nothing.

No offline coreference model exists on the package index, so this is a salience
ranking over the parse, in the tradition of Lappin & Leass:
  - candidates are entity mentions in the same sentence before the pronoun and in the
    two sentences before it; a pronoun in a fronted phrase may point forward to the
    subject of its sentence ("In his address, Zelensky said");
  - a candidate must agree: he/him/his with a person not known to be female, she/her
    with one not known to be male, its with an organisation or country, they/them/
    their with a group named by a plural (demonyms, "the Russians");
  - subjects outrank objects, the main clause outranks subordinate ones, and nearer
    sentences outrank farther ones;
  - a pronoun inside a quotation only looks inside that quotation (the speaker is
    "I" there, so "he" is someone else), and one outside ignores quoted text;
  - "him" cannot be the subject of its own clause ("Putin told him");
  - when the two best candidates score within a point of each other, the pronoun
    is left unresolved rather than guessed.
A definite description ("the minister", "the envoy") or a headline's bare one
("Colombian minister says ...") joins the person whose title has that noun — the
nearest one before it, or for a headline the first in the article — when the country,
if given, agrees and exactly one person fits.

Pronoun lists are in data/lexicon.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..document.layers import Entity, Mention
from ..nlp.quotemarks import Quoted, QuoteIndex, quoted_regions
from ..nlp.syntax import SUBJECTS, is_subject, sentence_bounds, sentence_of, text_of
from .base import Resources

AMBIGUITY_MARGIN = 1.0


@dataclass
class _Candidate:
    entity: Entity
    mention: Mention
    score: float


def add_coreference(doc: Doc, resources: Resources) -> None:
    resolver = Resolver(doc, resources)
    resolver.resolve_descriptions()
    resolver.resolve_all()


class Resolver:
    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        words = resources.knowledge.words
        self.masculine = words("pronouns", "masculine")
        self.feminine = words("pronouns", "feminine")
        self.neuter = words("pronouns", "neuter")
        self.plural = words("pronouns", "plural")
        self.questioning = words("coref", "questioning")
        self.speaking = words("coref", "speaking")
        self.entities: list[Entity] = doc._.layers.entities
        self.quoted: list[Quoted] = quoted_regions(doc)
        self.quote_at = QuoteIndex(self.quoted).at
        self.sent_index = {}
        starts: dict[int, int] = {}
        for k, (start, _) in enumerate(sentence_bounds(doc)):
            self.sent_index[k] = starts.setdefault(start, len(starts))
        self._by_sentence: dict[int, list[tuple]] | None = None

    def resolve_all(self) -> None:
        for token in self.doc:
            if token.pos_ != "PRON" and token.tag_ not in ("PRP", "PRP$"):
                continue
            word = token.lower_
            if word not in self.masculine and word not in self.feminine and word not in self.neuter and word not in self.plural:
                continue
            entity = self.resolve(token)
            if entity is not None:
                mention = Mention(token.idx, token.idx + len(token.text), token.i, token.i + 1, "pronoun")
                entity.add(mention)
                self._note(entity, mention)
                if entity.gender is None and entity.type == "PERSON":
                    if word in self.masculine:
                        entity.gender = "m"
                    elif word in self.feminine:
                        entity.gender = "f"

    def resolve(self, pronoun: Token) -> Entity | None:
        candidates = self._candidates(pronoun)
        if not candidates:
            return None
        best: dict[int, _Candidate] = {}
        for cand in candidates:
            kept = best.get(id(cand.entity))
            if kept is None or cand.score > kept.score:
                best[id(cand.entity)] = cand
        ranked = sorted(best.values(), key=lambda c: -c.score)
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < AMBIGUITY_MARGIN - 0.01:
            return None
        return ranked[0].entity

    def _index(self) -> dict[int, list[tuple]]:
        """Mentions by sentence, each with what does not depend on the pronoun: its
        head, how prominent its grammatical role is, and the quotation it is in."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for entity in self.entities:
                for mention in entity.mentions:
                    self._note(entity, mention)
        return self._by_sentence

    def _note(self, entity: Entity, mention: Mention) -> None:
        if mention.kind == "adjective" or self._by_sentence is None:
            return
        head = self.doc[mention.j - 1]
        role = 0.0
        if is_subject(head):
            role = 3.0 if _main_clause(head) else 2.0
        elif head.dep_ in ("dobj", "iobj", "dative", "attr"):
            role = 0.5
        region = self.quote_at(mention.start)
        self._by_sentence.setdefault(self.sent_index.get(head.i, -99), []).append(
            (entity, mention, head, role, region))

    def _candidates(self, pronoun: Token) -> list[_Candidate]:
        here = self.sent_index[pronoun.i]
        quote = self.quote_at(pronoun.idx)
        found = []
        cataphora = self._forward_subject(pronoun)
        index = self._index()
        agrees: dict[int, bool] = {}
        length = max(len(text_of(self.doc)), 1)
        for distance in (0, 1, 2):
            for entity, mention, head, role, region in index.get(here - distance, ()):
                ok = agrees.get(id(entity))
                if ok is None:
                    ok = agrees[id(entity)] = self._agrees(pronoun, entity)
                if not ok:
                    continue
                forward = cataphora is not None and head.i == cataphora.i
                if mention.i >= pronoun.i and not forward:
                    continue
                if (quote is not None and region is not quote) or (quote is None and region is not None):
                    continue
                if self._bound(pronoun, head):
                    continue
                score = {0: 4.0, 1: 3.0, 2: 1.5}[distance] + role
                if forward:
                    score += 1.0
                if (distance == 1 and pronoun.dep_ == "nsubj" and pronoun.head.lemma_ in self.speaking
                        and head.dep_ == "dobj" and head.head.lemma_ in self.questioning):
                    score += 4.0  # the one questioned is the one who answers
                # Nearer wins small ties between mentions of one entity.
                score += 0.001 * mention.start / length
                found.append(_Candidate(entity, mention, score))
        return found

    def resolve_descriptions(self) -> None:
        doc = self.doc
        article = doc._.article
        headline = article.headline if article is not None else None
        people = [e for e in self.entities if e.type == "PERSON"]
        if not people:
            return
        # The people each title word can describe, in the order of `people` (titles and name
        # mentions do not change here: descriptions are added as mentions of their own kind).
        titled: dict[str, list[Entity]] = {}
        for person in people:
            for word in _title_words(person, doc):
                titled.setdefault(word, []).append(person)
        for actor in doc._.layers.actors:
            if actor.entity is not None:
                continue
            head = doc[actor.head]
            if head.tag_ not in ("NN", "NNP") or head.pos_ != "NOUN":
                continue
            first = doc[actor.i]
            in_headline = headline is not None and headline.start <= head.idx < headline.end
            if not in_headline and first.lower_ != "the":
                continue
            word = head.lower_
            fits = [e for e in titled.get(word, ()) if actor.country is None or e.country in (None, actor.country)]
            if in_headline:
                fits = fits[:1] if fits else []
            else:
                before = [e for e in fits if any(m.end <= actor.span.start for m in e.mentions)]
                if len(before) > 1:
                    # The nearest one, if clearly the nearest.
                    before.sort(key=lambda e: -max(m.end for m in e.mentions if m.end <= actor.span.start))
                    before = before[:1]
                fits = before
            if len(fits) == 1:
                entity = fits[0]
                entity.add(Mention(actor.span.start, actor.span.end, actor.i, actor.j, "description"))
                actor.entity = entity
                if actor.country is None:
                    actor.country = entity.country

    def _agrees(self, pronoun: Token, entity: Entity) -> bool:
        word = pronoun.lower_
        if word in self.masculine:
            return entity.type == "PERSON" and entity.gender != "f"
        if word in self.feminine:
            return entity.type == "PERSON" and entity.gender != "m"
        if word in self.neuter:
            return entity.type in ("ORG", "GPE") and (entity.type == "ORG" or entity.nation is not None)
        if word in self.plural:
            return entity.type in ("NORP", "GPE") and any(m.kind == "demonym" or (
                entity.type == "NORP" and self.doc[m.j - 1].tag_ in ("NNPS", "NNS")) for m in entity.mentions)
        return False

    def _bound(self, pronoun: Token, head: Token) -> bool:
        """A non-possessive object pronoun cannot be the subject of its own clause."""
        if pronoun.dep_ in ("dobj", "iobj", "dative", "pobj") and pronoun.tag_ == "PRP":
            verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
            return head.head.i == verb.i and head.dep_ in SUBJECTS
        return False

    def _forward_subject(self, pronoun: Token) -> Token | None:
        """ "In his nightly address, Zelensky told...": the subject after a fronted phrase."""
        root = sentence_of(self.doc, pronoun.i).root
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return None
        subject = subjects[0]
        if subject.i <= pronoun.i or pronoun.i in {t.i for t in subject.subtree}:
            return None
        # The pronoun must sit in something that comes before the subject, attached to the root.
        node = pronoun
        while node.head.i != node.i and node.head.i != root.i:
            node = node.head
        if node.i < subject.i and node.dep_ in ("prep", "advcl", "npadvmod", "advmod"):
            return subject
        return None


def _title_words(entity: Entity, doc: Doc) -> set[str]:
    """Lower-case words of the person's title as written or known ("interior", "minister")."""
    words = set()
    if entity.title:
        words.update(entity.title.lower().split())
    for mention in entity.mentions:
        if mention.kind == "name":
            words.update(t.lower_ for t in doc[mention.i:mention.j] if t.pos_ == "NOUN")
    return words


def _main_clause(token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.head.dep_ == "ROOT" or token.head.i == token.i
