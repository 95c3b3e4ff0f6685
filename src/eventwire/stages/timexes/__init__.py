"""When: temporal expressions, found and normalised to TIMEX3 values.

Expressions are matched with patterns built from the word lists in data/timex.toml and
normalised against the publication date (the DCT):
  - weekdays by the tense of their clause: a Monday story's "said Friday" is the
    Friday before, "will meet Friday" the Friday after, "said Monday" that day;
  - this/last/next week, month, year, quarter, season and weekend (2022-W13, 2022-02);
  - explicit dates, months and years; "two days ago", "next Tuesday"; decades
    ("the 1990s" -> 199) and centuries;
  - durations ("for days" -> PXD, "weeks-long" -> PXW, "a month-old war" -> P1M,
    "three years" -> P3Y, "half an hour" -> PT30M), sets ("every Monday", "weekly",
    "twice a week", "$3 a day"), clock times and parts of the day ("Monday night" ->
    2022-03-28TNI, "on Tuesday at 8 p.m.", "1430 GMT"), and general references (now,
    recently, soon);
  - a relative expression in reported words ("said on Monday that the vote would be held
    on Friday", "said on March 1 that the budget would come next week", "'We will meet
    next month,' the envoy said on January 28") against the day they were said, and "the
    next day", "two days later", "the following Monday", "the next year" in a past
    narrative against the day or period the text last named.
Without a publication date, relative expressions keep their type and an unresolved
value with X for what is unknown ("XXXX-WXX-5"). Words that only look like dates — the
verb "may", "Sunday Times", "2,014 troops" — are not matched.

The stage in parts, bottom up: tense.py (the tense of a clause, names), calendar.py
(date arithmetic, no spaCy), context.py (what a rule reads), anchors.py (the day reported
words were said), rules_dates.py,
rules_relative.py and rules_durations.py (one rule per pattern name), normalise.py
(RULES and the Normaliser), matching.py (where the expressions are).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Timex
from ...knowledge.timex import TimexPatterns
from ..base import Resources
from .matching import find_expressions
from .normalise import Normaliser


def add_timexes(doc: Doc, resources: Resources) -> None:
    doc._.layers.timexes = find_timexes(doc, resources)


def find_timexes(doc: Doc, resources: Resources) -> list[Timex]:
    """The temporal expressions of the Doc, normalised against its publication date."""
    patterns: TimexPatterns = resources.knowledge.timex
    article = doc._.article
    normaliser = Normaliser(doc, patterns, article.published if article is not None else None)
    out = []
    for start, end, name in find_expressions(doc, patterns):
        timex = normaliser.normalise(start, end, name)
        if timex is not None:
            out.append(timex)
    return out
