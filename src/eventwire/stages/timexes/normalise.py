"""What a matched expression means: its TIMEX3 type, value and mod, and its exact span.

Each pattern name in knowledge/timex.py has one rule in RULES; the Normaliser runs it,
then trims the span: a leading preposition is not part of the expression ("in March"
is "March"), a part of the period before it is ("late last year").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable

from spacy.tokens import Doc

from ...document.article import CharSpan
from ...document.layers import Timex
from ...knowledge.timex import TimexPatterns
from ...nlp.syntax import text_of
from . import rules_dates, rules_durations, rules_relative
from .context import DATE, DURATION, PART_MODS, SET, TIME, Result, RuleContext

Rule = Callable[[RuleContext, str, int, int], Result | None]

# pattern name -> rule
RULES: dict[str, Rule] = {
    "iso": rules_dates.iso,
    "mdy": rules_dates.mdy,
    "dmy": rules_dates.dmy,
    "md": rules_dates.md,
    "dm": rules_dates.dm,
    "my": rules_dates.my,
    "quarter": rules_dates.quarter,
    "q-code": rules_dates.q_code,
    "decade": rules_dates.decade,
    "century": rules_dates.century,
    "year": rules_dates.year,
    "year-start": rules_dates.year_start,
    "month-bare": rules_relative.month_bare,
    "rel-month": rules_relative.rel_month,
    "wd-part": rules_relative.wd_part,
    "end-of": rules_relative.end_of,
    "rel-unit": rules_relative.rel_unit,
    "the-weekend": rules_relative.the_weekend,
    "deictic": rules_relative.deictic,
    "this-part": rules_relative.this_part,
    "ago": rules_relative.ago,
    "in-n-units": rules_relative.in_n_units,
    "season": rules_relative.season,
    "clock": rules_relative.clock,
    "ref": rules_relative.ref,
    "for-units": rules_durations.for_units,
    "bare-units": rules_durations.for_units,
    "dur-long": rules_durations.dur_long,
    "dur-hyphen": rules_durations.dur_hyphen,
    "past-n": rules_durations.past_n,
    "n-units": rules_durations.n_units,
    "set": rules_durations.set_every,
    "set-adv": rules_durations.set_adv,
    "set-days": rules_durations.set_days,
    "dur-fraction": rules_durations.dur_fraction,
    "next-day": rules_relative.next_day,
    "later": rules_relative.later,
    "dur-compound": rules_durations.dur_compound,
}
_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")

_LEADING_PREPOSITION = re.compile(r"(?:in|since|until|by|from|during|before|after|at|on|within) ", re.IGNORECASE)
_PART_BEFORE = re.compile(r"(?:\b(early|late)\s+|\b(mid)-|\bthe (end|beginning|start|middle) of\s+)$", re.IGNORECASE)
# Rules whose period can have a part named before it ("late last year", "early 2023").
_PARTED_RULES = ("year", "year-start", "rel-unit", "my", "rel-month", "decade", "season")


class Normaliser:
    """Normalises the expressions of one Doc against its publication date."""

    def __init__(self, doc: Doc, patterns: TimexPatterns, published: date | None):
        self.doc = doc
        self.context = RuleContext(doc, patterns, published, read_span=self._read_span)
        # the same Doc and days, with no speech anchor: for the date of a verb of saying
        self._plain = RuleContext(doc, patterns, published, self.context.days, self.context.periods, speech=False)

    def normalise(self, start: int, end: int, rule: str) -> Timex | None:
        """The Timex of the characters start..end matched by the pattern named `rule`,
        or None when its rule finds no expression there."""
        text = text_of(self.doc)[start:end]
        result = RULES[rule](self.context, text, start, end)
        if result is None:
            return None
        type_, value, *rest = result
        mod = rest[0] if rest else None
        if type_ == DATE and value and value[0].isdigit():
            self.context.periods.append((start, value))
        day = _DAY.match(value or "")
        if day and type_ in (DATE, "TIME"):
            self.context.days.append((start, date(int(day[1]), int(day[2]), int(day[3]))))
        if rule == "year":
            # "since 2014": the year alone is the expression
            inner = re.search(self.context.patterns.fragments.year + r"$", text)
            start, mod = self._part_of(start + inner.start(), rule, mod)
            return Timex(CharSpan(start, end), type_, value, mod, rule)
        # Leading prepositions are not part of the expression, except in "for days" and
        # in "within three weeks" read as a duration.
        lead = _LEADING_PREPOSITION.match(text)
        if lead and rule != "for-units" and not (
                rule == "in-n-units" and type_ == DURATION and text.lower().startswith("within")):
            start += lead.end()
        if type_ == DATE:
            start, mod = self._part_of(start, rule, mod)
        if type_ == SET:
            quant, freq = rules_durations.set_attributes(self.context, text_of(self.doc)[start:end])
            return Timex(CharSpan(start, end), type_, value, mod, rule, quant, freq)
        return Timex(CharSpan(start, end), type_, value, mod, rule)

    def _read_span(self, start: int, end: int) -> date | None:
        """The day the words start..end name ("on January 28" after "..., the envoy said"),
        read with every pattern against the publication date; None when they name none."""
        text = text_of(self.doc)
        for name, regex in self.context.patterns.patterns:
            for match in regex.finditer(text, start, end):
                result = RULES[name](self._plain, match[0], match.start(), match.end())
                day = _DAY.match(result[1]) if result is not None and result[0] in (DATE, TIME) else None
                if day:
                    return date(int(day[1]), int(day[2]), int(day[3]))
        return None

    def _part_of(self, start: int, rule: str, mod: str | None) -> tuple[int, str | None]:
        """ "late last year", "early 2023", "the end of 2024": the part of the period is
        part of the expression."""
        if rule not in _PARTED_RULES:
            return start, mod
        text = text_of(self.doc)
        match = _PART_BEFORE.search(text, max(0, start - 30), start)
        if match is None or match.end() != start:
            return start, mod
        word = next(g for g in match.groups() if g).lower()
        return match.start(), mod or PART_MODS[word]
