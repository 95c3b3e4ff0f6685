"""What a cue says: its content, read through the frames data/quote_cues.tsv gives it.

Each frame of the data has one reader here (three for "clause", which the parser shows in
three shapes), listed in FRAMES in the order they are tried. A reader returns the content
and the "how" a quote records, or None when the cue does not stand in that construction;
it is only reached when every reader before it (among the cue's frames) found nothing.

Every reader but the last reads the parse. When one of them finds its construction but
the words in it trim away to nothing (only punctuation), the content is not looked for in
another parse frame: only the adjacent quotation, which reads the marks, is still tried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from ...document.article import CharSpan
from ...nlp.syntax import phrase_start, sentence_of
from .cues import Cues, attribution, complement
from .spans import QuotedText

# An object that names nothing said: "said it", "denied that", "stressed much".
CONTENTLESS = {"it", "this", "that", "so", "nothing", "something", "anything", "what", "everything", "much", "more"}


@dataclass(frozen=True)
class CueContext:
    """What every frame reads: the cue, its speaker as the parse gives it, the text."""

    cue: Token
    subject: Token | None
    quoted: QuotedText
    cues: Cues


@dataclass(frozen=True)
class Content:
    parts: list[CharSpan]  # empty: the construction is there, but holds no words
    how: str


def _content(at: CueContext, ranges: list[tuple[int, int]], how: str) -> Content | None:
    """Content from token ranges doc[first:end], or None when there are none."""
    if not ranges:
        return None
    spans = [at.quoted.char_span(first, end) for first, end in ranges]
    return Content([s for s in spans if s is not None], how)


def _child(token: Token, deps: Iterable[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def complement_clause(at: CueContext) -> Content | None:
    """The complement clause: "said (that) ...", "...," she said."""
    cue = at.cue
    clause = complement(cue, at.quoted)
    if clause is None:
        return None
    doc = cue.doc
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
        if token.tag_ == "VBG" and token.dep_ == "advcl" and token.lemma_.lower() in at.cues \
                and token.left_edge.i > clause.left_edge.i and doc[token.left_edge.i - 1].text == ",":
            end = min(end, token.left_edge.i - 1)
    how = "cue, then clause" if cue.i < clause.left_edge.i else "clause, then cue"
    return _content(at, [(clause.left_edge.i, end)], how)


def parenthetical(at: CueContext) -> Content | None:
    """The clause around a parenthetical attribution, less the attribution itself:
    "A, Zelensky also said, B" / '"A," said X, "B."'."""
    cue = at.cue
    if not (cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ")):
        return None
    head = cue.head
    first, last = attribution(cue, at.subject)
    before = (head.left_edge.i, first)
    after = (last + 1, head.right_edge.i + 1)
    return _content(at, [p for p in (before, after) if p[1] > p[0]], "parenthetical cue")


def clause_before_cue(at: CueContext) -> Content | None:
    """The sentence before ", officials said" when the parser found no complement:
    "A landslide buried 30 houses, killing 12, officials said Sunday." — but not a clause
    that sets the scene ("After two civilians were killed, Pakistan ...")."""
    cue, subject = at.cue, at.subject
    if not (cue.dep_ == "ROOT" and subject is not None and subject.i < cue.i):
        return None
    doc = cue.doc
    start = phrase_start(subject)
    sentence = sentence_of(doc, cue.i)
    before = doc[sentence.start:start - 1]
    roots = [t for t in before if not before.start <= t.head.i < before.end]
    scene = any(t.dep_ in ("advcl", "prep", "advmod", "npadvmod", "mark", "pcomp") for t in roots)
    if start - 1 > sentence.start and doc[start - 1].text == "," and len(before) >= 4 and not scene \
            and not any(c.dep_ == "dobj" for c in cue.children) \
            and any(t.pos_ in ("VERB", "AUX") for t in before) and not at.quoted.in_region(before[0].idx):
        return _content(at, [(sentence.start, start - 1)], "clause, then cue")
    return None


def headline(at: CueContext) -> Content | None:
    """Headlinese: "Zelensky says seeking peace" (a complement with no subject)."""
    if not at.quoted.in_headline(at.cue):
        return None
    clause = _child(at.cue, ("xcomp",))
    if clause is None:
        return None
    return _content(at, [(clause.left_edge.i, clause.right_edge.i + 1)], "headline")


def accused_of(at: CueContext) -> Content | None:
    """The "of" phrase: "accused the commission of stealing ..." (the content names the
    accused too), "warned of ..."."""
    cue = at.cue
    obj = _child(cue, ("dobj",))
    holders = [cue] + ([obj] if obj is not None else [])
    prep = next((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if prep is None or not any(True for _ in prep.children):
        return None
    start = obj.left_edge.i if obj is not None and obj.i < prep.i else prep.i + 1
    return _content(at, [(start, prep.right_edge.i + 1)], "accused ... of")


def called_for(at: CueContext) -> Content | None:
    """The "for" phrase: "called for ...", "appealed for ..."."""
    prep = next((c for c in at.cue.children if c.dep_ in ("prep", "prt") and c.lower_ == "for"), None)
    if prep is None or not any(True for _ in prep.children):
        return None
    return _content(at, [(prep.i + 1, prep.right_edge.i + 1)], "called for")


def infinitive(at: CueContext) -> Content | None:
    """The infinitive: "claimed to have shot down ...", "vowed to fight on"."""
    clause = next((c for c in at.cue.children if c.dep_ == "xcomp"
                   and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
    if clause is None:
        return None
    return _content(at, [(clause.left_edge.i, clause.right_edge.i + 1)], "claimed to")


def message_object(at: CueContext) -> Content | None:
    """A noun phrase object that is itself the message: "emphasized the need for ..."."""
    obj = _child(at.cue, ("dobj",))
    if obj is None or obj.lower_ in CONTENTLESS or obj.pos_ == "PRON":
        return None
    return _content(at, [(obj.left_edge.i, obj.right_edge.i + 1)], "object")


def characterisation(at: CueContext) -> Content | None:
    """ 'described him as a "serial liar"', 'called the delay "wholly unacceptable"',
    'warned against "declaring victory too early"': the thing characterised and the
    quoted words that characterise it — only when there are quoted words."""
    cue, doc = at.cue, at.cue.doc
    obj = _child(cue, ("dobj",))
    if obj is not None:
        start = obj.left_edge.i
        edge = obj.right_edge.i
        after = obj.i
    else:
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("against", "as")), None)
        if prep is None:
            return None
        start, edge, after = prep.i, prep.right_edge.i, prep.i
    for child in cue.children:
        if child.i > after and (child.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr")
                                or (child.dep_ == "prep" and child.lower_ in ("as", "against"))):
            edge = max(edge, child.right_edge.i)
    sentence = sentence_of(doc, cue.i)
    first = doc[start].idx
    region = next((r for r in at.quoted.regions if first <= r.start < sentence.end_char), None)
    if region is None or region.start > doc[edge].idx + len(doc[edge].text) + 2:
        return None
    end = edge + 1
    while end < sentence.end and doc[end].idx < region.end:
        end += 1  # the quoted words may run past what the parser hung on the cue
    return _content(at, [(start, end)], "described ... as")


def adjacent_quotation(at: CueContext) -> Content | None:
    """The quotation right next to the attribution: said: "...", "...," said X."""
    region = at.quoted.adjacent_region(at.cue, at.subject)
    if region is None:
        return None
    return Content([CharSpan(region.start, region.end)], "adjacent quotation")


@dataclass(frozen=True)
class Frame:
    name: str  # as data/quote_cues.tsv writes it
    read: Callable[[CueContext], Content | None]
    on_parse: bool = True  # reads the parse, not the quotation marks


FRAMES: tuple[Frame, ...] = (
    Frame("clause", complement_clause),
    Frame("clause", parenthetical),
    Frame("clause", clause_before_cue),
    Frame("headline", headline),
    Frame("of", accused_of),
    Frame("for", called_for),
    Frame("infinitive", infinitive),
    Frame("object", message_object),
    Frame("as", characterisation),
    Frame("quote", adjacent_quotation, on_parse=False),
)


def read_content(at: CueContext, frames: frozenset[str], table: tuple[Frame, ...] = FRAMES) -> Content | None:
    """The content of the first frame, among the cue's `frames`, that finds words."""
    construction_found = False  # a parse frame found its construction, though no words in it
    for frame in table:
        if frame.name not in frames or (construction_found and frame.on_parse):
            continue
        content = frame.read(at)
        if content is None:
            continue
        if content.parts:
            return content
        construction_found = True
    return None
