"""Where a cue of attribution stands and what the parse hangs on it: the cue itself (a verb
or phrase of data/quote_cues.tsv with its frames), its complement clause, the words of the
attribution ("Zelensky also said"), and the "according to X" construction.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...document.article import CharSpan
from ...document.layers import Quote
from .spans import QuotedText
from .speakers import Speakers, subject_of_cue

Cue = tuple[str, frozenset[str], CharSpan]  # the cue as written in the data, its frames, where it stands


class Cues:
    """The cues of data/quote_cues.tsv: cue -> the frames it takes."""

    def __init__(self, frames: dict[str, frozenset[str]]):
        self.frames = frames
        self.longest = max((c.count(" ") + 1 for c in frames), default=1)  # in words
        self.phrase_heads = {c.split()[0] for c in frames if " " in c}

    def __contains__(self, lemma: str) -> bool:
        return lemma in self.frames

    def cue_at(self, token: Token) -> Cue | None:
        """The cue starting at this token: a phrase ("call for", "according to", "point
        out") before a single verb; a participle that modifies a noun or is passive is none."""
        doc = token.doc
        cues = self.frames
        lemma = token.lemma_.lower()
        if lemma not in cues and lemma not in self.phrase_heads and token.lower_ not in self.phrase_heads:
            return None
        for n in range(self.longest, 1, -1):
            if token.i + n > len(doc):
                continue
            rest = [t.lower_ for t in doc[token.i + 1:token.i + n]]
            for first in {lemma, token.lower_}:
                phrase = " ".join([first] + rest)
                if phrase in cues and (phrase == "according to" or token.pos_ in ("VERB", "AUX")):
                    end = doc[token.i + n - 1]
                    return phrase, cues[phrase], CharSpan(token.idx, end.idx + len(end.text))
        if token.lower_ == "according":
            return None
        if lemma in cues and token.pos_ in ("VERB", "AUX") and token.tag_ != "VBN" or (
                lemma in cues and token.tag_ == "VBN" and token.dep_ not in ("amod", "acl")
                and not any(c.dep_ == "auxpass" for c in token.children)):
            return lemma, cues[lemma], CharSpan.of(token)
        return None


def complement(cue: Token, quoted: QuotedText) -> Token | None:
    """The complement clause; when the parser gives two, the one holding a quotation,
    else the one after the cue."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if not clauses:
        # "said outside the courthouse that her client was ...", "said in a statement
        # that ...": the parser hung the clause on the noun; "that" and a subject give it away
        for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for clause in (c for c in pobj.children if c.dep_ in ("relcl", "acl")):
                    if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children) and \
                            any(m.dep_ in ("nsubj", "nsubjpass") for m in clause.children):
                        return clause
    if len(clauses) <= 1:
        return clauses[0] if clauses else None
    with_quotation = [c for c in clauses if quoted.region_overlapping(
        CharSpan(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))]
    if len(with_quotation) == 1:
        return with_quotation[0]
    after = [c for c in clauses if c.i > cue.i]
    return after[0] if after else clauses[-1]


def attribution(cue: Token, subject: Token | None) -> tuple[int, int]:
    """First and last token of "Zelensky also said" / "said X, a doctor,"."""
    first = last = cue.i
    if subject is not None:
        first, last = min(first, subject.left_edge.i), max(last, subject.right_edge.i)
    for child in cue.children:
        if child.dep_ in ("advmod", "npadvmod", "aux", "neg") and (child.i == first - 1 or child.i == last + 1):
            first, last = min(first, child.i), max(last, child.i)
    return first, last


def according(token: Token, cue_span: CharSpan, cues: Cues, quoted: QuotedText,
              speakers: Speakers) -> tuple[Quote | None, Token | None]:
    """ "According to X, ..." / "..., according to X." A statement attributed to
    someone whose own report it is (X said ..., according to AP) is a source of
    that quote, not a quote of its own: then the second value is that quote's cue."""
    doc = token.doc
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None, None
    head = token.head
    if head.i == token.i:
        return None, None
    if cues.cue_at(head) is not None and subject_of_cue(head) is not None:
        return None, head
    clause_start, clause_end = head.left_edge.i, head.right_edge.i + 1
    phrase_start_i, phrase_end_i = token.i, source.right_edge.i + 1
    if head.i < phrase_start_i:
        part = (clause_start, phrase_start_i)
    else:
        part = (phrase_end_i, clause_end)
    span = quoted.char_span(*part)
    if span is None:
        return None, None
    quote = Quote(kind="", parts=[quoted.snap(span)], cue=cue_span, how="according to")
    speakers.set_speaker(quote, source)
    return quote, None
