"""Where the quotation marks are, and the character spans a quote is measured in.

`QuotedText` answers every question about one article's text that needs the paired
quotation marks (nlp/quotemarks.py) but no speaker and no cue: is this character quoted,
which quotation does a span touch, what a run of tokens covers once its edge punctuation
is trimmed, how many of a quote's words stand inside marks (its kind).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...document.article import CharSpan
from ...document.layers import Quote
from ...nlp.quotemarks import Quoted, quoted_regions
from ...nlp.syntax import phrase_start, sentence_of, text_of


class QuotedText:
    def __init__(self, doc: Doc, regions: list[Quoted], headline: CharSpan | None):
        self.doc = doc
        self.text = text_of(doc)
        self.regions = regions
        self.headline = headline
        self.quoted_chars: set[int] = set()  # character offsets inside a quotation
        self.mark_chars: set[int] = set()  # character offsets of the quotation marks
        for region in regions:
            self.quoted_chars.update(range(region.start, region.end))
            self.mark_chars.update(range(region.start, region.start + region.open_len))
            self.mark_chars.update(range(region.end - region.close_len, region.end))

    @classmethod
    def of(cls, doc: Doc) -> QuotedText:
        """The quotations of an analysed Doc (paired once, shared with coref) and its headline."""
        article = doc._.article
        return cls(doc, quoted_regions(doc), article.headline if article is not None else None)

    # ---- from tokens to characters ---------------------------------------------

    def char_span(self, first: int, end: int) -> CharSpan | None:
        """The characters of doc[first:end], less punctuation and spaces at the edges —
        quotation marks are kept."""
        doc = self.doc
        while first < end and (doc[first].is_space or (doc[first].is_punct and not self.is_mark(doc[first]))):
            first += 1
        while end > first and (doc[end - 1].is_space or (doc[end - 1].is_punct and not self.is_mark(doc[end - 1]))):
            end -= 1
        if end <= first:
            return None
        return CharSpan(doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))

    def char_span_chars(self, span: CharSpan) -> CharSpan | None:
        """`char_span` of the whole tokens inside a character span."""
        tokens = self.doc.char_span(span.start, span.end, alignment_mode="contract")
        if tokens is None or len(tokens) == 0:
            return None
        return self.char_span(tokens.start, tokens.end)

    def is_mark(self, token: Token) -> bool:
        return token.idx in self.mark_chars

    def sentence_at(self, position: int) -> Span | None:
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        return sentence_of(self.doc, span.start) if span is not None and len(span) else None

    # ---- against the quotations ------------------------------------------------

    def snap(self, span: CharSpan) -> CharSpan:
        """Stretch a content span over the whole of every quotation it touches, so it
        never cuts through a pair of marks."""
        start, end = span.start, span.end
        for region in self.regions:
            if region.start < end and start < region.end:
                start, end = min(start, region.start), max(end, region.end)
        return CharSpan(start, end)

    def in_region(self, position: int) -> bool:
        return position in self.quoted_chars

    def region_overlapping(self, span: CharSpan) -> Quoted | None:
        return next((r for r in self.regions if r.start < span.end and span.start < r.end), None)

    def in_headline(self, token: Token) -> bool:
        return self.headline is not None and self.headline.start <= token.idx < self.headline.end

    def in_headline_span(self, quote: Quote) -> bool:
        return any(self.headline.start <= p.start < self.headline.end for p in quote.parts)

    def adjacent_region(self, cue: Token, subject: Token | None) -> Quoted | None:
        """A quotation right before or after the attribution, with only punctuation or a
        time phrase between: '"...," said X', 'X said: "..."'."""
        ends = [cue.idx + len(cue.text)]
        starts = [cue.idx]
        if subject is not None:
            starts.append(self.doc[phrase_start(subject)].idx)
            ends.append(subject.idx + len(subject.text))
        left, right = min(starts), max(ends)
        sentence = sentence_of(self.doc, cue.i)
        for region in self.regions:
            if region.start >= right and region.start < sentence.end_char + 2:
                between = self.text[right:region.start]
                if not between.strip(" ,:;\u2014-\n"):
                    return region
        for region in reversed(self.regions):
            if region.end <= left and region.end > sentence.start_char - 2:
                between = self.text[region.end:left]
                # not across a paragraph break: '..." \n Other scientists urged caution.'
                if not between.strip(" ,:;\u2014-") and "\n" not in between:
                    return region
        return None

    # ---- a quote's parts -------------------------------------------------------

    def merge_parts(self, parts: list[CharSpan]) -> list[CharSpan]:
        """Parts with only white space between them (a quote running over a paragraph
        break) are one part."""
        merged: list[CharSpan] = []
        for part in sorted(parts):
            if merged and not self.text[merged[-1].end:part.start].strip():
                merged[-1] = CharSpan(merged[-1].start, max(merged[-1].end, part.end))
            else:
                merged.append(part)
        return merged

    def kind(self, parts: list[CharSpan]) -> str:
        """The kind of a quote with these parts: "direct" when every word is inside
        quotation marks, "mixed" when some are, "indirect" when none are."""
        inside = outside = 0
        for part in parts:
            for token in self.doc.char_span(part.start, part.end, alignment_mode="expand") or []:
                if token.is_punct or token.is_space:
                    continue
                if self.in_region(token.idx):
                    inside += 1
                else:
                    outside += 1
        if inside and not outside:
            return "direct"
        return "mixed" if inside else "indirect"
