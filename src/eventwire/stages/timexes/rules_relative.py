"""Rules for expressions placed against the publication date: "Friday", "last month",
"this weekend", "yesterday morning", "two days ago", "in three weeks", "next summer",
"the October runoff", "11 p.m. tomorrow", "recently".

A weekday or a month named alone is read by the tense of its clause (tense.py). Without
a publication date each keeps its type and an unresolved value with X for what is
unknown ("XXXX-WXX-5").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar, rules_durations
from .anchors import now, speech_day
from .context import (
    DATE,
    DURATION,
    EARLY_MID_LATE,
    PART_MODS,
    TIME,
    Result,
    RuleContext,
)

# Words after which a month that is also a word ("may", "march") is still a month.
_MONTH_LEADS = ("in", "since", "until", "by", "from", "during", "last", "next", "this", "early", "mid", "late",
                "before", "after")
_UNRESOLVED = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX", "decade": "XXX",
               "century": "XX"}


def month_bare(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    # "the October runoff": a month named alone, read by the tense of its clause
    if context.in_name(start, end):
        return None
    return rel_month(context, text, start, end)


def rel_month(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    words = text.lower().replace("-", " ").split()
    month = calendar.month_number(words[-1], context.words)
    if words[-1].rstrip(".") in context.words.ambiguous_months and words[0] not in _MONTH_LEADS:
        return None
    mod = EARLY_MID_LATE.get(words[0])
    direction = calendar.relative_shift(words[:-1], context.words)
    published = context.published if direction is None else now(context, start, end)
    if published is None:
        return DATE, f"XXXX-{month:02d}", mod
    year = published.year
    if direction == -1 or (direction is None and month > published.month and context.tense(start, end) == "past"):
        year -= 1 if month >= published.month else 0
    elif direction == 1 and month <= published.month:
        year += 1
    return DATE, f"{year}-{month:02d}", mod


def wd_part(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """A weekday, perhaps with last/next or late/early before it and a part of the day
    after it. "the following Monday" counts from the day the text last named, "next
    Monday" in reported words from the day they were said."""
    if context.in_name(start, end):
        return None
    words = text.lower().split()
    weekdays = context.words.weekdays
    mod = EARLY_MID_LATE.get(words[0])
    if mod is not None:
        words = [w for w in words[1:] if w != "on"]  # "late Tuesday", "early on Friday"
    direction = calendar.relative_shift(words[:1], context.words) if len(words) > 1 and words[0] not in weekdays else None
    weekday = weekdays[next(x for x in words if x in weekdays)]
    part = context.words.parts.get(words[-1])
    published = context.published
    if direction is not None and published is not None:
        the = context.doc is not None and context.doc.text[max(0, start - 4):start].lower() == "the "
        published = context.last_day(start) if the else now(context, start, end)
    if published is None:
        value = f"XXXX-WXX-{weekday}"
    else:
        today = published.isoweekday()
        said_on = speech_day(context, start, end) if direction is None else None
        if said_on is not None and said_on != published:
            # reported and backshifted: the weekday after (or before) the day it was said
            gap = (weekday - said_on.isoweekday()) % 7 or 7
            future = context.tense(start, end) == "future"
            day = said_on + timedelta(days=gap) if future else said_on - timedelta(days=(7 - gap) % 7 or 7)
        elif direction == -1:
            day = published - timedelta(days=(today - weekday) % 7 or 7)
        elif direction == 1:
            day = published + timedelta(days=(weekday - today) % 7 or 7)
        elif weekday == today:
            day = published
        elif context.tense(start, end) == "future":
            day = published + timedelta(days=(weekday - today) % 7)
        else:
            day = published - timedelta(days=(today - weekday) % 7)
        value = day.isoformat()
    if part:
        return TIME, f"{value}T{part}"
    return DATE, value, mod


def rel_unit(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "last week", "this year", "next quarter", "earlier this month"."""
    words = text.lower().split()
    unit = words[-1]
    direction = calendar.relative_shift(words, context.words)
    mod = {"earlier": "BEFORE", "later": "AFTER"}.get(words[0])
    if unit == "weekend":
        return the_weekend(context, text, start, end)
    published = now(context, start, end)
    if published is None:
        return DATE, _UNRESOLVED[unit], mod
    if unit == "week":
        return DATE, calendar.week(published + timedelta(weeks=direction or 0))
    if unit == "month":
        year, month = calendar.month_shift(published, direction or 0)
        return DATE, f"{year}-{month:02d}"
    if unit == "year":
        return DATE, str(published.year + (direction or 0))
    if unit == "quarter":
        quarter = (published.month - 1) // 3 + 1 + (direction or 0)
        year = published.year + (quarter - 1) // 4
        return DATE, f"{year}-Q{(quarter - 1) % 4 + 1}"
    if unit == "decade":
        return DATE, str((published.year // 10) + (direction or 0))[:3]
    if unit == "century":
        return DATE, str(published.year // 100 + (direction or 0))
    return None


def the_weekend(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    words = text.lower().split()
    published = context.published
    if published is None:
        return DATE, "XXXX-WXX-WE"
    direction = calendar.relative_shift(words, context.words) or 0
    if words[0] == "the":
        # "the weekend": the one just gone in a past clause written on a weekday, the
        # coming one in a future clause, else this one
        tense = context.tense(start, end)
        direction = -1 if tense == "past" and published.isoweekday() < 6 else (1 if tense == "future" else 0)
    return DATE, calendar.week(published + timedelta(weeks=direction)) + "-WE"


def end_of(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "the end of the year": this year, with the part as its mod."""
    words = text.lower().split()
    result = rel_unit(context, "this " + words[-1], start, end)
    return result[0], result[1], PART_MODS[words[1]]


def deictic(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "today", "yesterday", "tomorrow", "tonight", perhaps with a part of the day."""
    words = text.lower().split()
    days = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[words[0]]
    part = context.words.parts.get(words[-1]) if len(words) > 1 else ("NI" if words[0] == "tonight" else None)
    anchor = now(context, start, end)
    value = (anchor + timedelta(days=days)).isoformat() if anchor else "XXXX-XX-XX"
    if part:
        return TIME, f"{value}T{part}"
    return DATE, value


def this_part(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "this morning", "last night", "tomorrow evening"."""
    words = text.lower().split()
    days = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[words[0]]
    anchor = now(context, start, end)
    value = (anchor + timedelta(days=days)).isoformat() if anchor else "XXXX-XX-XX"
    return TIME, f"{value}T{context.words.parts[words[1]]}"


def ago(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    words = text.lower().split()
    count = calendar.number(words[0], context.words) if words[0] not in ("a", "several") or words[1] != "few" else "X"
    unit = calendar.unit(words[-2], context.words)
    if context.published is None or count == "X":
        return DATE, {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}.get(unit[-1], "XXXX")
    return DATE, calendar.shift(now(context, start, end), -count, unit)


def in_n_units(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "in three weeks" is a date; "within three weeks", "in a few days" and "in ten
    minutes" are durations, and so is "in a decade" in a past clause ("rates rose for the
    first time in a decade")."""
    words = text.lower().split()
    count = calendar.number(words[1], context.words) if words[1] not in ("a",) or len(words) < 4 else "X"
    unit = calendar.unit(words[-1], context.words)
    if (words[0] == "within" or count == "X" or context.published is None
            or unit == "MIN" or (context.doc is not None and context.tense(start, end) == "past")):
        return DURATION, calendar.duration(count, unit)
    return DATE, calendar.shift(now(context, start, end), count, unit)


def season(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    words = text.lower().replace("-", " ").split()
    code = next(context.words.seasons[x] for x in words if x in context.words.seasons)
    year_match = re.search(context.patterns.fragments.year, text)
    if year_match:
        return DATE, f"{year_match[0]}-{code}"
    if context.published is None:
        return DATE, f"XXXX-{code}"
    direction = calendar.relative_shift(words, context.words) or 0
    return DATE, f"{context.published.year + direction}-{code}"


_NAMED_DAY = re.compile(r"(?:today|tomorrow|yesterday|tonight|(?:(?:this|next|last) )?[A-Za-z]+day)$")
# A day written just before a clock time: "on Tuesday at 8 p.m.", "Monday at 6 p.m."
_DAY_BEFORE = re.compile(r"\b((?:today|tomorrow|yesterday|tonight|[A-Z][a-z]+day)(?: (?:morning|afternoon|evening|night))?),? at $")
_LATE_PARTS = ("tonight", "evening", "night", "afternoon", "p.m.", "pm")


def _hours_minutes(lower: str) -> tuple[int, int] | None:
    """(hours, minutes) of a clock time: "9 a.m.", "9.30am", "21:00", "1430 GMT", "8 o'clock"."""
    if lower.startswith(("noon", "midday")):
        return 12, 0
    if lower.startswith("midnight"):
        return 24, 0
    match = re.match(r"(\d{1,2})(?:[:.](\d\d))? ?(?:([ap])\.?m\b|([ap])\.m\.)?", lower)
    four = re.match(r"(\d\d)(\d\d)\b", lower)
    if four:
        return int(four[1]), int(four[2])
    hours, minutes, half = int(match[1]), int(match[2] or 0), match[3] or match[4]
    if half is None and "o'clock" in lower and hours < 12 and any(word in lower for word in _LATE_PARTS):
        half = "p"  # "8 o'clock tonight"
    if half is not None:
        if hours > 12:
            return None
        if half == "p" and hours != 12:
            hours += 12
        if half == "a" and hours == 12:
            hours = 0
    return (hours, minutes) if hours <= 24 and minutes < 60 else None


def clock(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "at 9 a.m.", "noon", "21:00 local time", "11 p.m. tomorrow", "Tuesday at 8 p.m.": a
    time on the day the expression (or the day written just before it) names, else the
    publication date."""
    lower = text.lower().replace("at ", "")
    clock_time = _hours_minutes(lower)
    if clock_time is None:
        return None
    hours, minutes = clock_time
    day = context.published.isoformat() if context.published else "XXXX-XX-XX"
    after = _NAMED_DAY.search(text)
    # the match may begin with its "at": the day before is read up to the time itself
    clock_start = start + (3 if text.lower().startswith("at ") else 0)
    before = _DAY_BEFORE.search(context.doc.text[max(0, start - 30):clock_start]) if context.doc is not None else None
    if after is not None and after.start() > 0:
        # "11 p.m. tomorrow", "7 a.m. Wednesday": the day as its own expression says,
        # read by the tense of the whole expression
        named, named_start, named_end = after[0], start, end
    elif before is not None:
        named = before[1]
        named_start = clock_start - len(before[0]) + before.start(1) - before.start()
        named_end = named_start + len(named)
    else:
        named = None
    if named is not None:
        is_deictic = named.split()[0].lower() in ("today", "tomorrow", "yesterday", "tonight")
        if is_deictic or named.split()[0].lower() in context.words.weekdays or named.split()[-1].lower() in context.words.weekdays:
            resolved = (deictic if is_deictic else wd_part)(context, named, named_start, named_end)
            if resolved is not None:
                day = resolved[1].split("T")[0]
    return TIME, f"{day}T{hours:02d}:{minutes:02d}"


_NEXT = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}


def next_day(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "the next day", "the previous morning", "the day before", "that day": a day
    counted from the day the text last named ("The rebels seized the town on Monday. The
    next day, ..."), or from the publication date when it named none."""
    words = text.lower().split()
    shift = next((_NEXT[w] for w in words if w in _NEXT), 0)
    if words[-1] in ("week", "month", "year"):  # "the following year", "the previous month"
        if words[1] == "next" and not _in_narrative(context, start, end):
            return rules_durations.past_n(context, text, start, end)  # "the next year will be hard"
        return _from_anchor(context, start, shift, calendar.unit(words[-1], context.words))
    anchor = context.last_day(start)
    if anchor is None:
        return DATE, "XXXX-XX-XX"
    value = (anchor + timedelta(days=shift)).isoformat()
    part = context.words.parts.get(words[-1]) or context.words.parts.get(words[1])
    if part and words[-1] not in ("before", "after"):
        return TIME, f"{value}T{part}"
    return DATE, value


_OVER = ("over", "for", "during", "within", "throughout", "in")


def _in_narrative(context: RuleContext, start: int, end: int) -> bool:
    """ "the next year" as a date of a past narrative ("closed in 1984; the next year, the town
    lost its school"): a past clause, after a period the text named, and not the stretch of
    time something went on over ("over the next year")."""
    if context.doc is None or context.last_period(start) is None or context.tense(start, end) != "past":
        return False
    before = context.doc.text[max(0, start - 12):start].lower().split()
    return not before or before[-1] not in _OVER


def later(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "two days later", "a week earlier": counted from the day the text last named, at
    the unit's grain."""
    words = text.lower().split()
    count = "X" if words[1] == "few" or words[0] == "several" else calendar.number(words[0], context.words)
    unit = calendar.unit(words[-2], context.words)
    if count == "X" or unit in ("H", "MIN", "S"):
        return None
    return _from_anchor(context, start, -count if words[-1] == "earlier" else count, unit)


def _from_anchor(context: RuleContext, start: int, count: int, unit: str) -> Result | None:
    """The period `count` units from what the text last named: a day, or a year, quarter or
    month at its own grain."""
    anchor = context.last_day(start)
    if anchor is None:
        return None
    period = context.last_period(start)
    if period is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", period):
        shifted = _shift_period(period, count, unit)
        if shifted is not None:
            return DATE, shifted
    return DATE, calendar.shift(anchor, count, unit)


def _shift_period(period: str, count: int, unit: str) -> str | None:
    """A year, quarter or month moved `count` units at its own grain ("the second quarter
    of 2023 ... a year earlier" is 2022-Q2), or None when the unit is finer than the period."""
    match = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|\d\d))?", period)
    if match is None:
        return None
    year, part = int(match[1]), match[2]
    if unit == "Y":
        return f"{year + count}" + (f"-{part}" if part else "")
    if unit == "M" and part and part[0] != "Q":
        shifted_year, month = calendar.month_shift(date(year, int(part), 1), count)
        return f"{shifted_year}-{month:02d}"
    return None


def ref(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    """ "now", "recently", "in the coming weeks": PRESENT_REF, PAST_REF, FUTURE_REF."""
    return DATE, context.patterns.refs[text.lower()]
