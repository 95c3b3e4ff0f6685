"""Who is speaking, and to whom: the speaker of a cue, the source behind "according to",
the speaker a quotation with no cue borrows from a neighbouring sentence, and how a speaker
token becomes a quote's speaker span, entity and actor.

The entity and actor of a token come from the maps nlp/index.py builds once per Doc.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ...document.article import CharSpan
from ...document.layers import ActorMention, Entity, Quote
from ...nlp.quotemarks import Quoted
from ...nlp.syntax import phrase_start

RELATIVE = {"who", "which", "that"}
SPEECH_NOUNS = {"remarks", "comments", "statement", "words", "speech", "interview", "told", "said", "added"}
ADDRESSING = ("tell", "inform", "assure", "warn", "brief", "remind")


def subject_of_cue(cue: Token) -> Token | None:
    """The one who says: the subject of the cue, or of the clause it hangs on."""
    node = cue
    if cue.tag_ == "VBG" and cue.dep_ == "advcl":
        # "asked why it had not acted, calling the delay ...": the one who asked
        node = cue.head
        while node.dep_ == "ccomp" and node.head.i != node.i:
            node = node.head
    for _ in range(3):
        # The parser may give two subjects ("Russia Foreign Minister Sergei Lavrov said"):
        # the one nearest the verb heads the speaker's phrase.
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = min(subjects, key=lambda c: abs(c.i - node.i)) if subjects else None
        if subject is not None:
            if subject.dep_ == "nsubjpass":
                return None  # "she was told": the subject is the addressee
            if subject.lower_ in RELATIVE and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
            return None  # "a statement saying ...": the speaker is not named here
        break
    return None


def addressee(cue: Token) -> CharSpan | None:
    """Whom "told", "warned", "assured" ... address."""
    if cue.lemma_ not in ADDRESSING:
        return None
    target = next((c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")), None)
    if target is None:
        return None
    last = target.right_edge  # "thousands of supporters"
    return CharSpan(target.left_edge.idx, last.idx + len(last.text))


class Speakers:
    """Speakers read against the entity and actor layers of one Doc."""

    def __init__(self, doc: Doc, entity_at: dict[int, Entity], actor_at: dict[int, ActorMention],
                 cues: dict[str, frozenset[str]]):
        self.doc = doc
        self.entity_at = entity_at
        self.actor_at = actor_at
        self.cues = cues
        self._sentence_list: tuple[list[Span], list[int]] | None = None

    def named_before(self, cue: Token) -> Token | None:
        """A person or organisation written right before the cue, after a comma or "the":
        the speaker of "..., Human Rights Watch said" when the parse lost it."""
        if cue.i == 0:
            return None
        before = self.doc[cue.i - 1]
        entity = self.entity_at.get(before.i)
        if entity is None or entity.type not in ("PERSON", "ORG"):
            return None
        mention = next((m for m in entity.mentions if m.i <= before.i < m.j), None)
        if mention is None or mention.i == 0 or self.doc[mention.i - 1].lower_ not in (",", "the"):
            return None
        return before

    def set_speaker(self, quote: Quote, subject: Token | None) -> None:
        """Give the quote its speaker span, head, entity and actor from the speaker token."""
        if subject is None:
            return
        # "union leader Carlos Mendoza": a title noun the parser made the head, with the
        # name hung on it — the name is the speaker.
        named = next((c for c in subject.rights if c.dep_ in ("appos", "compound", "flat")
                      and c.i == subject.right_edge.i and self.entity_at.get(c.i) is not None
                      and self.entity_at[c.i].type == "PERSON" and c.i <= subject.i + 3), None)
        actor = self.actor_at.get(subject.i)
        if subject.pos_ == "PRON":
            span = CharSpan.of(subject)
        elif actor is not None:
            span = actor.span
        else:
            start = phrase_start(subject)
            span = CharSpan(self.doc[start].idx, subject.idx + len(subject.text))
        if named is not None:
            span = CharSpan(span.start, named.idx + len(named.text))
            actor = self.actor_at.get(named.i, actor)
        quote.speaker = span
        quote.speaker_head = subject.i
        entity = self.entity_at.get(named.i if named is not None else subject.i)
        if entity is None and actor is not None:
            entity = actor.entity
        if entity is None:
            # "The M23 rebel group": the organisation named inside the phrase.
            inner = [self.entity_at[c.i] for c in subject.lefts if c.dep_ == "compound" and c.i in self.entity_at]
            inner = [e for e in inner if e.type == "ORG"]
            entity = inner[0] if len(inner) == 1 else None
        quote.entity = entity
        quote.actor = actor

    def phrase_after(self, cue_span: CharSpan) -> CharSpan | None:
        """The source named after "according to": the `via` of the quote it backs."""
        span = self.doc.char_span(cue_span.start, cue_span.end, alignment_mode="expand")
        token = span[0] if span is not None and len(span) and span[0].idx == cue_span.start else None
        if token is None:
            return None
        to = self.doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        actor = self.actor_at.get(source.i)
        if actor is not None:
            return actor.span
        start = phrase_start(source)
        return CharSpan(self.doc[start].idx, source.idx + len(source.text))

    def neighbour_speaker(self, region: Quoted) -> Token | None:
        """The subject of the sentence before the quotation (a person or organisation),
        or of the sentence after it when that one speaks of remarks or saying."""
        sentences, starts = self._sentences()
        index = bisect.bisect_right(starts, region.start) - 1  # the one sentence that can hold the start
        if index < 0 or not region.start < sentences[index].end_char:
            return None
        first = index
        last = bisect.bisect_left(starts, region.end) - 1  # the one sentence that can hold the end
        if last < 0 or not region.end <= sentences[last].end_char:
            last = index
        if first > 0:
            subject = self.sentence_subject(sentences[first - 1])
            if subject is not None:
                return subject
        if last + 1 < len(sentences):
            after = sentences[last + 1]
            if any(t.lower_ in SPEECH_NOUNS or (t.lemma_ in self.cues and t.pos_ == "VERB") for t in after):
                subject = self.sentence_subject(after)
                if subject is not None:
                    return subject
                for token in after:
                    entity = self.entity_at.get(token.i)
                    if entity is not None and entity.type in ("PERSON", "ORG") and token.dep_ in ("pobj", "poss"):
                        return token
        return None

    def _sentences(self) -> tuple[list[Span], list[int]]:
        """The sentences and their first characters, listed once per article (a long one asks
        for every quotation without a cue)."""
        if self._sentence_list is None:
            sentences = list(self.doc.sents)
            self._sentence_list = (sentences, [s.start_char for s in sentences])
        return self._sentence_list

    def sentence_subject(self, sentence: Span) -> Token | None:
        """The subject of the sentence's root when it is a person or organisation, or an
        actor with a sector."""
        root = sentence.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        entity = self.entity_at.get(subject.i)
        if entity is not None and entity.type in ("PERSON", "ORG") or (
                subject.i in self.actor_at and self.actor_at[subject.i].sectors):
            return subject
        return None
