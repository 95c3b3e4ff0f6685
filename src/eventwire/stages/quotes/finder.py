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
from ...nlp.syntax import phrase_start, sentence_of
from ..base import Resources
from .cues import Cues, according, attribution, complement
from .orphans import drop_nested, headline_colon, uncued_quotes
from .spans import QuotedText
from .speakers import Speakers, addressee, subject_of_cue

CONTENTLESS = {"it", "this", "that", "so", "nothing", "something", "anything", "what", "everything", "much", "more"}


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
        subject = subject_of_cue(cue)
        parts: list[tuple[int, int]] = []
        how = ""
        if "clause" in frames:
            clause = complement(cue, self.quoted)
            if clause is not None:
                end = clause.right_edge.i + 1
                # "said inflation had peaked and would ease": a second verb the parser hung
                # on the cue but that carries on the reported clause.
                for conj in cue.children:
                    if (conj.dep_ == "conj" and conj.i > clause.i and conj.left_edge.i <= end + 1
                            and any(c.dep_ == "aux" for c in conj.children)
                            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)):
                        end = conj.right_edge.i + 1
                # "..., calling reports of fresh restrictions "groundless"": a participle of
                # saying is a quote of its own, not more of this one
                for token in clause.children:
                    if token.tag_ == "VBG" and token.dep_ == "advcl" and token.lemma_.lower() in self.cues \
                            and token.left_edge.i > clause.left_edge.i and self.doc[token.left_edge.i - 1].text == ",":
                        end = min(end, token.left_edge.i - 1)
                parts = [(clause.left_edge.i, end)]
                how = "cue, then clause" if cue.i < clause.left_edge.i else "clause, then cue"
            elif cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
                # "A, Zelensky also said, B" / '"A," said X, "B."': the clause around the
                # attribution, less the attribution itself.
                head = cue.head
                first, last = attribution(cue, subject)
                before = (head.left_edge.i, first)
                after = (last + 1, head.right_edge.i + 1)
                parts = [p for p in (before, after) if p[1] > p[0]]
                how = "parenthetical cue"
        if not parts and "clause" in frames and cue.dep_ == "ROOT" and subject is not None and subject.i < cue.i:
            # "A landslide buried 30 houses, killing 12, officials said Sunday.": the parser
            # found no complement, but the sentence before ", officials said" is what was said
            # (not a clause that sets the scene: "After two civilians were killed, Pakistan ...")
            start = phrase_start(subject)
            sentence = sentence_of(self.doc, cue.i)
            before = self.doc[sentence.start:start - 1]
            roots = [t for t in before if not before.start <= t.head.i < before.end]
            scene = any(t.dep_ in ("advcl", "prep", "advmod", "npadvmod", "mark", "pcomp") for t in roots)
            if start - 1 > sentence.start and self.doc[start - 1].text == "," and len(before) >= 4 and not scene \
                    and not any(c.dep_ == "dobj" for c in cue.children) \
                    and any(t.pos_ in ("VERB", "AUX") for t in before) and not self.quoted.in_region(before[0].idx):
                parts = [(sentence.start, start - 1)]
                how = "clause, then cue"
        if not parts and "headline" in frames and self.quoted.in_headline(cue):
            clause = next((c for c in cue.children if c.dep_ == "xcomp"), None)
            if clause is not None:
                parts = [(clause.left_edge.i, clause.right_edge.i + 1)]
                how = "headline"
        if not parts and "of" in frames:
            # "accused the commission of stealing ...": the content names the accused too.
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            holders = [cue] + ([obj] if obj is not None else [])
            prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if prep is not None and any(True for _ in prep.children):
                start = obj.left_edge.i if obj is not None and obj.i < prep.i else prep.i + 1
                parts = [(start, prep.right_edge.i + 1)]
                how = "accused ... of"
        if not parts and "for" in frames:
            prep = next((c for c in cue.children if c.dep_ in ("prep", "prt") and c.lower_ == "for"), None)
            if prep is not None and any(True for _ in prep.children):
                parts = [(prep.i + 1, prep.right_edge.i + 1)]
                how = "called for"
        if not parts and "infinitive" in frames:
            clause = next((c for c in cue.children if c.dep_ == "xcomp"
                           and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
            if clause is not None:
                parts = [(clause.left_edge.i, clause.right_edge.i + 1)]
                how = "claimed to"
        if not parts and "object" in frames:
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ not in CONTENTLESS and obj.pos_ != "PRON":
                parts = [(obj.left_edge.i, obj.right_edge.i + 1)]
                how = "object"
        if not parts and "as" in frames:
            parts = self._characterisation(cue)
            how = "described ... as"
        spans = [self.quoted.char_span(a, b) for a, b in parts]
        spans = [s for s in spans if s is not None]
        if not spans and "quote" in frames:
            region = self.quoted.adjacent_region(cue, subject)
            if region is not None:
                spans = [CharSpan(region.start, region.end)]
                how = "adjacent quotation"
        if not spans:
            return None
        spans = [self.quoted.snap(s) for s in spans]
        if subject is None:
            subject = self.speakers.named_before(cue)
            if subject is not None:
                # The parser tied the speaker into the content ("..., Human Rights Watch said").
                first = self.doc[phrase_start(subject)].idx
                spans = [CharSpan(s.start, min(s.end, first)) for s in spans if s.start < first]
                spans = [self.quoted.char_span_chars(s) for s in spans]
                spans = [s for s in spans if s is not None]
                if not spans:
                    return None
        if subject is None and not any(self.quoted.region_overlapping(s) for s in spans):
            return None  # reported speech with nobody reporting it is narration
        quote = Quote(kind="", parts=spans, cue=cue_span, how=how)
        self.speakers.set_speaker(quote, subject)
        quote.addressee = addressee(cue)
        return quote

    def _characterisation(self, cue: Token) -> list[tuple[int, int]]:
        """ 'described him as a "serial liar"', 'called the delay "wholly unacceptable"',
        'warned against "declaring victory too early"': the thing characterised and the
        quoted words that characterise it — only when there are quoted words."""
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:
            start = obj.left_edge.i
            edge = obj.right_edge.i
            after = obj.i
        else:
            prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("against", "as")), None)
            if prep is None:
                return []
            start, edge, after = prep.i, prep.right_edge.i, prep.i
        for child in cue.children:
            if child.i > after and (child.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr")
                                    or (child.dep_ == "prep" and child.lower_ in ("as", "against"))):
                edge = max(edge, child.right_edge.i)
        sentence = sentence_of(self.doc, cue.i)
        first = self.doc[start].idx
        region = next((r for r in self.quoted.regions if first <= r.start < sentence.end_char), None)
        if region is None or region.start > self.doc[edge].idx + len(self.doc[edge].text) + 2:
            return []
        end = edge + 1
        while end < sentence.end and self.doc[end].idx < region.end:
            end += 1  # the quoted words may run past what the parser hung on the cue
        return [(start, end)]
