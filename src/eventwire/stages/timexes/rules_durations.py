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
    """ "for days", "within weeks", "could take weeks": an unknown number of the unit."""
    return DURATION, calendar.duration("X", calendar.unit(text.split()[-1], context.words))


def dur_long(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "a decade-long war", "weeks-long", "a month-old ceasefire"."""
    lower = text.lower()
    mod = _approximation(lower, ("nearly", "almost"))
    fragments = context.patterns.fragments
    match = re.search(rf"(?:({fragments.number})[- ])?({fragments.unit})[- ](?:long|old)", lower)
    unit_word = match[2]
    # without a number, "weeks-long" is some weeks and "week-long" one
    # without a number, or with only "a" ("a weeks-long strike"), a plural is some units
    if unit_word.endswith("s") and (not match[1] or match[1] in ("a", "an")):
        count = "X"
    else:
        count = calendar.number(match[1], context.words) if match[1] else 1
    return DURATION, calendar.duration(count, calendar.unit(unit_word, context.words)), mod


def dur_hyphen(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "a 10-day visit", "three-year term"."""
    count, unit_word = text.lower().rsplit("-", 1)
    return DURATION, calendar.duration(calendar.number(count, context.words), calendar.unit(unit_word, context.words))


def past_n(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "the past two years", "the coming week"."""
    words = text.lower().split()
    unit = calendar.unit(words[-1], context.words)
    # "the coming months" without a number: some months
    count = calendar.number(words[2], context.words) if len(words) == 4 else ("X" if words[-1].endswith("s") else 1)
    return DURATION, calendar.duration(count, unit)


def n_units(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "three years", "more than a decade", "a few hours", "a full day", "less than two weeks"."""
    lower = text.lower()
    mod = next((context.words.duration_mods[lead] for lead in _mod_leads(context) if lower.startswith(lead + " ")), None)
    words = [w for w in lower.split() if w not in ("full", "whole", "entire")]
    unit = calendar.unit(words[-1], context.words)
    number_word = words[-2]
    count = "X" if number_word == "few" else calendar.number(number_word, context.words)
    if count == "X" and number_word in ("a", "an"):
        count = 1
    if isinstance(count, int) and count > 1000:
        return None
    if words[-1] == "second" and number_word in ("a", "an") and _before_a_word(context, end):
        return None  # "a second time", "A second suspected case": the ordinal
    if number_word in ("a", "an") and len(words) == 2 and _after_an_amount(context, start):
        return SET, calendar.duration(1, unit)  # "$3 a day", "5 percent a year": a rate
    # "a year" alone is still a duration: "a year ago" and "a year-long" are other rules'
    return DURATION, calendar.duration(count, unit), mod


def _mod_leads(context: RuleContext) -> list[str]:
    """The duration mods' leading words, longest first ("just over" before "over")."""
    return sorted(context.words.duration_mods, key=len, reverse=True)


def dur_compound(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "two hours and 20 minutes" (PT2H20M), "three years and six months" (P3Y6M): a count of a
    unit and a count of a smaller one; weeks beside other units are written as days."""
    words = [w for w in text.lower().replace(",", "").split() if w != "and"]
    counts = [calendar.number(words[0], context.words), calendar.number(words[2], context.words)]
    units = [calendar.unit(words[1], context.words), calendar.unit(words[3], context.words)]
    order = ["100Y", "10Y", "Y", "M", "2W", "W", "D", "H", "MIN", "S"]
    if not all(isinstance(c, int) for c in counts) or order.index(units[0]) >= order.index(units[1]):
        return None
    parts: dict[str, int] = {}
    for count, unit in zip(counts, units):
        size = {"100Y": ("Y", 100), "10Y": ("Y", 10), "2W": ("D", 14), "W": ("D", 7)}.get(unit, (unit, 1))
        parts[size[0]] = parts.get(size[0], 0) + count * size[1]
    date_part = "".join(f"{parts[u]}{u}" for u in ("Y", "M", "D") if u in parts)
    time_part = "".join(f"{parts[u]}{u[0]}" for u in ("H", "MIN", "S") if u in parts)
    return DURATION, "P" + date_part + (f"T{time_part}" if time_part else "")


_AMOUNT = re.compile(r"[\d%](?:[\d,.]*)(?<![.,])(?: (?:million|billion|percent|per cent|[a-z]+))? $")


def _mid_sentence(context: RuleContext, start: int) -> bool:
    """Is the character at `start` inside a sentence, not at its beginning?"""
    if context.doc is None:
        return False
    before = context.doc.text[max(0, start - 3):start].rstrip(" \"'\u201c\u2018(")
    return bool(before) and before[-1] not in ".!?:\n"


def _before_a_word(context: RuleContext, end: int) -> bool:
    """Is the expression ending at `end` followed by a word ("a second time")?"""
    return context.doc is not None and re.match(r" +[A-Za-z]", context.doc.text[end:end + 3]) is not None


def _after_an_amount(context: RuleContext, start: int) -> bool:
    """Written straight after an amount ("$3", "200,000 barrels", "5 percent")?"""
    if context.doc is None:
        return False
    return _AMOUNT.search(context.doc.text[max(0, start - 40):start]) is not None


_SET_VALUES = {"morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "night": "XXXX-XX-XXTNI",
               "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE", "summer": "XXXX-SU", "winter": "XXXX-WI",
               "spring": "XXXX-SP", "autumn": "XXXX-FA", "fall": "XXXX-FA"}


def set_every(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "every Monday", "every Sunday morning", "each week", "every summer", "every two weeks" (P2W), "every other
    day" (P2D), "every few years" (PXY)."""
    words = text.lower().split()
    word = words[-1]
    if word in context.words.weekdays:
        return SET, f"XXXX-WXX-{context.words.weekdays[word]}"
    if word in context.words.parts and words[-2] in context.words.weekdays:  # "every Monday morning"
        return SET, f"XXXX-WXX-{context.words.weekdays[words[-2]]}T{context.words.parts[word]}"
    if word in _SET_VALUES:
        return SET, _SET_VALUES[word]
    between = words[1:-1]  # what stands between "every" and the unit
    count = (1 if not between else 2 if between[0] in ("other", "couple") else "X" if between[0] == "few"
             else calendar.number(between[0], context.words))
    return SET, calendar.duration(count, calendar.unit(word, context.words))


def set_days(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "on Fridays": every Friday; "at weekends": every weekend."""
    if context.doc is not None and context.in_name(start, end):
        return None
    if text.lower().endswith("weekends"):
        return SET, "XXXX-WXX-WE"
    return SET, f"XXXX-WXX-{context.words.weekdays[text.lower()[:-1]]}"


def set_adv(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "daily", "quarterly" (data/timex.toml), "twice a year", "three times a day", "per day"."""
    lower = text.lower()
    if text[0].isupper() and _mid_sentence(context, start):
        return None  # "the Bucharest Daily News", "The Daily Mirror": a name
    if " " not in text and context.doc is not None and re.match(r" [A-Z]", context.doc.text[end:end + 2]):
        return None  # "the Indonesian daily Suara Merdeka", "the weekly Der Spiegel": a newspaper
    if lower in context.words.set_adverbs:
        return SET, context.words.set_adverbs[lower]
    return SET, calendar.duration(1, calendar.unit(lower.split()[-1], context.words))


_QUANTS = {"every": "EVERY", "each": "EACH"}
_TIMES = {"once": 1, "twice": 2, "thrice": 3}


def set_attributes(context: RuleContext, text: str) -> tuple[str | None, str | None]:
    """A SET's TIMEX3 quant and freq: "every Monday" (EVERY), "each year" (EACH), "twice a
    week" (freq 2X), "three times a day" (3X)."""
    words = text.lower().split()
    quant = _QUANTS.get(words[0])
    times = _TIMES.get(words[0])
    if times is None and len(words) > 1 and words[1] == "times":
        count = calendar.number(words[0], context.words)
        times = count if isinstance(count, int) else None
    return quant, f"{times}X" if times else None


def dur_fraction(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "half an hour" (PT30M), "two and a half years" (P30M), "an hour and a half" (PT90M),
    "a quarter of an hour" (PT15M): in the next smaller unit when that makes the count whole."""
    words = text.lower().replace("-", " ").split()
    unit_word = next(w for w in reversed(words) if w in context.words.units)
    fraction = next(context.words.fractions[w] for w in words if w in context.words.fractions)
    whole = 0
    if "and" in words:
        whole = calendar.number(words[0], context.words)
        if not isinstance(whole, int):
            return DURATION, calendar.duration("X", calendar.unit(unit_word, context.words))
    return DURATION, calendar.fractional_duration(whole + fraction, calendar.unit(unit_word, context.words), context.words)
