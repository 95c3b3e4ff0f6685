"""Rules for durations and sets: "for days" -> PXD, "weeks-long" -> PXW, "a month-old war"
-> P1M, "the past two years" -> P2Y, "three years" -> P3Y, "every Monday" -> XXXX-WXX-1,
"weekly" -> P1W.
"""

from __future__ import annotations

import re

from . import calendar
from .context import DURATION, SET, Result, RuleContext


def _approximation(lower: str, approximate: tuple[str, ...]) -> str | None:
    """The mod of "more than"/"over" (MORE_THAN) or of the words that say about (APPROX)."""
    if lower.startswith(("more than", "over")):
        return "MORE_THAN"
    if lower.startswith(approximate):
        return "APPROX"
    return None


def for_units(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "for days", "within weeks": an unknown number of the unit."""
    return DURATION, calendar.duration("X", calendar.unit(text.split()[-1], context.words))


def dur_long(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "a decade-long war", "weeks-long", "a month-old ceasefire"."""
    lower = text.lower()
    mod = _approximation(lower, ("nearly", "almost"))
    fragments = context.patterns.fragments
    match = re.search(rf"(?:({fragments.number})[- ])?({fragments.unit})[- ](?:long|old)", lower)
    unit_word = match[2]
    # without a number, "weeks-long" is some weeks and "week-long" one
    count = calendar.number(match[1], context.words) if match[1] else ("X" if unit_word.endswith("s") else 1)
    return DURATION, calendar.duration(count, calendar.unit(unit_word, context.words)), mod


def dur_hyphen(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "a 10-day visit", "three-year term"."""
    count, unit_word = text.lower().rsplit("-", 1)
    return DURATION, calendar.duration(calendar.number(count, context.words), calendar.unit(unit_word, context.words))


def past_n(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "the past two years", "the coming week"."""
    words = text.lower().split()
    unit = calendar.unit(words[-1], context.words)
    count = calendar.number(words[2], context.words) if len(words) == 4 else 1
    return DURATION, calendar.duration(count, unit)


def n_units(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "three years", "more than a decade", "a few hours"."""
    lower = text.lower()
    words = lower.split()
    mod = _approximation(lower, ("nearly", "almost", "about", "some"))
    unit = calendar.unit(words[-1], context.words)
    number_word = words[-2]
    count = "X" if number_word == "few" else calendar.number(number_word, context.words)
    if count == "X" and number_word in ("a", "an"):
        count = 1
    if isinstance(count, int) and count > 1000:
        return None
    # "a year" alone is still a duration: "a year ago" and "a year-long" are other rules'
    return DURATION, calendar.duration(count, unit), mod


_SET_VALUES = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "morning": "XXXX-XX-XXTMO",
               "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE",
               "summer": "XXXX-SU", "winter": "XXXX-WI"}


def set_every(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "every Monday", "each week", "every summer"."""
    word = text.lower().split()[-1]
    if word in context.words.weekdays:
        return SET, f"XXXX-WXX-{context.words.weekdays[word]}"
    return SET, _SET_VALUES[word]


# In this order: the first word found in the expression gives its period.
_SET_ADVERBS = (("day", "P1D"), ("daily", "P1D"), ("nightly", "P1D"), ("week", "P1W"), ("weekly", "P1W"),
                ("month", "P1M"), ("monthly", "P1M"), ("year", "P1Y"), ("annually", "P1Y"), ("yearly", "P1Y"))


def set_adv(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "daily", "weekly", "twice a year"."""
    lower = text.lower()
    for key, value in _SET_ADVERBS:
        if key in lower:
            return SET, value
    return None
