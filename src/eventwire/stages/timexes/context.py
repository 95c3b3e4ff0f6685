"""What a normalisation rule may read, and what it returns.

Every rule is a function `rule(context, text, start, end) -> Result | None`: `text` is the
matched expression, start..end its characters in the Doc, and the context holds the
Doc, the timex words and patterns and the publication date. A rule returns
(type, value) or (type, value, mod), or None when the match is no expression after all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from spacy.tokens import Doc

from ...knowledge.timex import TimexPatterns, TimexWords
from .tense import in_name, tense_of

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
Result = tuple[str, str] | tuple[str, str, str | None]

# The part of a period a word names: "early 2023", "mid-March", "the end of the year".
PART_MODS = {"early": "START", "late": "END", "mid": "MID", "end": "END", "beginning": "START",
             "start": "START", "middle": "MID"}
# ... of the three written straight before a month ("early June 2020", "late March").
EARLY_MID_LATE = {"early": "START", "mid": "MID", "late": "END"}


@dataclass(frozen=True)
class RuleContext:
    """One Doc's side of normalisation; built once per Doc by the Normaliser."""

    doc: Doc
    patterns: TimexPatterns
    published: date | None  # the document creation time (DCT); None leaves X for what is unknown
    # the days the expressions read so far resolved to, (start, day) in text order: what
    # "the next day" and "two days later" are read against
    days: list[tuple[int, date]] = field(default_factory=list)
    # ... and every resolved DATE value, (start, value): "a year earlier" after "the second
    # quarter of 2023" is a quarter too
    periods: list[tuple[int, str]] = field(default_factory=list)
    # the day a stretch of text start..end names, or None (the Normaliser's, read with every
    # pattern): the date of a verb of saying written after the words it reports
    read_span: Callable[[int, int], date | None] | None = None
    # whether relative expressions may be read against the day their words were said: off while
    # the date of the saying itself is read, so that it is read against the publication date
    speech: bool = True

    @property
    def words(self) -> TimexWords:
        return self.patterns.words

    def tense(self, start: int, end: int) -> str:
        """past, present or future: the tense of the clause the characters start..end belong to."""
        return tense_of(self.doc, start, end, self.words)

    def last_day(self, before: int) -> date | None:
        """The day the text last named before the character `before`, else the publication date."""
        earlier = [day for start, day in self.days if start < before]
        return earlier[-1] if earlier else self.published

    def last_period(self, before: int) -> str | None:
        """The value of the DATE the text last named before the character `before`."""
        earlier = [value for start, value in self.periods if start < before]
        return earlier[-1] if earlier else None

    def in_name(self, start: int, end: int) -> bool:
        return in_name(self.doc, start, end)
