"""In what order one Doc's quotes are found: every cue outside quotation marks is read
through its frames (frames.py) or as "according to" (cues.py); quotes inside another's
content are dropped; "according to" sources become the `via` of the quote they back; then
the headline "Speaker: words" and the quotations no cue claims (orphans.py); last, each
quote's parts are merged, and quotes numbered in text order and given their kind.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...document.article import CharSpan
from ...document.layers import Quote
from ...nlp.index import actor_at, entity_at
from ...nlp.syntax import phrase_start
from ..base import Resources
from .cues import Cues, according
from .frames import CueContext, read_content
from .orphans import drop_nested, headline_colon, uncued_quotes
from .spans import QuotedText
from .speakers import Speakers, addressee, subject_of_cue


class QuoteFinder:
    """The quotes of one analysed Doc (entities and actors already found)."""

    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        self.cues = Cues(resources.knowledge.cues)
        self.quoted = QuotedText.of(doc)
        self.speakers = Speakers(doc, entity_at(doc), actor_at(doc), resources.knowledge.cues)

    def find(self) -> list[Quote]:
        quoted = self.quoted
        found: list[Quote] = []
        vias: list[tuple[Token, CharSpan]] = []  # "according to X" backing another cue's quote
        for token in self.doc:
            if token.is_punct or quoted.in_region(token.idx):
                continue
            cue = self.cues.cue_at(token)
            if cue is None:
                continue
            name, frames, cue_span = cue
            if name == "according to":
                quote, via_of = according(token, cue_span, self.cues, quoted, self.speakers)
                if via_of is not None:
                    vias.append((via_of, cue_span))
                elif quote is not None:
                    found.append(quote)
                continue
            if any(child.dep_ == "neg" for child in token.children):
                continue  # "did not say" introduces nothing
            quote = self._from_cue(token, frames, cue_span)
            if quote is not None:
                found.append(quote)
        found = drop_nested(found)
        for head, span in vias:
            for quote in found:
                if quote.cue is not None and quote.cue.start == head.idx:
                    quote.via = self.speakers.phrase_after(span)
        headline = headline_colon(found, quoted, self.speakers)
        if headline is not None:
            found.append(headline)
        found += uncued_quotes(found, quoted, self.speakers)
        for quote in found:
            quote.parts = quoted.merge_parts(quote.parts)
        found.sort(key=lambda q: q.start)
        for n, quote in enumerate(found, 1):
            quote.id = f"q{n}"
            quote.kind = quoted.kind(quote.parts)
        return found

    def _from_cue(self, cue: Token, frames: frozenset[str], cue_span: CharSpan) -> Quote | None:
        quoted = self.quoted
        subject = subject_of_cue(cue)
        content = read_content(CueContext(cue, subject, quoted, self.cues), frames)
        if content is None:
            return None
        spans = [quoted.snap(s) for s in content.parts]
        if subject is None:
            subject = self.speakers.named_before(cue)
            if subject is not None:
                # The parser tied the speaker into the content ("..., Human Rights Watch said").
                first = self.doc[phrase_start(subject)].idx
                spans = [CharSpan(s.start, min(s.end, first)) for s in spans if s.start < first]
                spans = [quoted.char_span_chars(s) for s in spans]
                spans = [s for s in spans if s is not None]
                if not spans:
                    return None
        if subject is None and not any(quoted.region_overlapping(s) for s in spans):
            return None  # reported speech with nobody reporting it is narration
        quote = Quote(kind="", parts=spans, cue=cue_span, how=content.how)
        self.speakers.set_speaker(quote, subject)
        quote.addressee = addressee(cue)
        return quote
