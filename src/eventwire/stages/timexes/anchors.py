"""What a relative expression is counted from when it is not the publication date: the day
its words were said.

"The prime minister said on March 1 that the budget would be presented next week": the
week after March 1, not after the day the story was written. The same holds for a
direct quotation ("'We will meet again next month,' the envoy said on January 28"),
whose words keep the speaker's tense. A clause that keeps the writer's tense ("said on
Tuesday that the results will be published on Friday") is the writer's, and is read
against publication.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from .context import RuleContext
from .tense import dated_by, reporting_verb, tokens_of

_OPENING, _CLOSING, _STRAIGHT = "\u201c", "\u201d", '"'


def now(context: RuleContext, start: int, end: int) -> date | None:
    """The day the expression at start..end is counted from: the day its words were said
    when the verb of saying is dated, else the publication date (None without one)."""
    return speech_day(context, start, end) or context.published


def speech_day(context: RuleContext, start: int, end: int) -> date | None:
    """The day the reported or quoted words holding start..end were said on, when the verb
    of saying is dated ("said on Monday that ...", "..., he said on January 28"), else None."""
    if context.doc is None or context.published is None or not context.speech:
        return None
    verb = reporting_verb(context.doc, start, end, context.words, quoted=in_quotation(context.doc, start, end))
    if verb is None:
        return None
    for word in dated_by(verb):
        word_start, word_end = word.left_edge.idx, word.right_edge.idx + len(word.right_edge)
        if word_start <= start < word_end:
            continue  # the expression dates the saying itself
        known = [day for day_start, day in context.days if word_start <= day_start < word_end]
        if known:
            return known[-1]
        if context.read_span is not None:
            # written after the words it dates ("..., the commission said on Monday")
            day = context.read_span(word_start, word_end)
            if day is not None:
                return day
    return None


def in_quotation(doc: Doc, start: int, end: int) -> bool:
    """Inside quotation marks in its sentence: an opening mark before it, not yet closed."""
    span = tokens_of(doc, start, end)
    if span is None:
        return False
    before = doc.text[span[0].sent.start_char:start]
    return before.count(_STRAIGHT) % 2 == 1 or before.count(_OPENING) > before.count(_CLOSING)
