"""Calendar arithmetic against the publication date, in TIMEX3 values.

What is the week of a day, the month n months away, the date n units away, the value
of a duration; what number, unit, month or direction a word stands for. Pure: no spaCy,
no Doc — the one question that needs the sentence (the tense, for `year_of`) is asked
through a function the caller passes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable

from ...knowledge.timex import TimexWords


def week(day: date) -> str:
    """The ISO week of a day: 2022-W13 (the week's year, not the day's, around New Year)."""
    year, week_number, _ = day.isocalendar()
    return f"{year}-W{week_number:02d}"


def month_shift(published: date, months: int) -> tuple[int, int]:
    """(year, month) of the month `months` away from the publication month."""
    year, month = published.year, published.month + months
    while month < 1:
        year, month = year - 1, month + 12
    while month > 12:
        year, month = year + 1, month - 12
    return year, month


def shift(published: date, count: int, unit: str) -> str:
    """The value of the period `count` units (D, W, 2W, M, Y, 10Y) from the publication date,
    at the unit's own grain: a day, a week, a month, a year or a decade."""
    if unit == "D":
        return (published + timedelta(days=count)).isoformat()
    if unit in ("W", "2W"):
        return week(published + timedelta(weeks=count * (2 if unit == "2W" else 1)))
    if unit == "M":
        year, month = month_shift(published, count)
        return f"{year}-{month:02d}"
    if unit == "Y":
        return str(published.year + count)
    if unit == "10Y":
        return str(published.year + 10 * count)[:3]
    return published.isoformat()


def duration(count: Any, unit: str) -> str:
    """The TIMEX3 value of `count` units; count is a number or "X" (unknown). Minutes
    (MIN) are M after the T: "PT5M"."""
    if unit in ("H", "S", "MIN"):
        return f"PT{count}{unit[0]}"
    if unit == "2W":
        return f"P{2 * count if isinstance(count, int) else 'X'}W"
    if unit == "10Y":
        return f"P{10 * count}Y" if isinstance(count, int) else "PXDE"
    if unit == "100Y":  # as decades: "a century-old church" P100Y, "for centuries" PXCE
        return f"P{100 * count}Y" if isinstance(count, int) else "PXCE"
    return f"P{count}{unit}"


def fractional_duration(count: float, unit: str, words: TimexWords) -> str:
    """The value of a fractional count of units ("two and a half hours"): in the next smaller
    unit when that makes it whole (PT150M), else as a decimal of the unit itself (P3.5W)."""
    if count == int(count):
        return duration(int(count), unit)
    smaller, times = words.smaller_units.get(unit, (unit, 1))
    if count * times == int(count * times):
        return duration(int(count * times), smaller)
    return duration(count, unit).replace(f"{count}", f"{count:g}")


def number(word: str, words: TimexWords) -> Any:
    """The number a word stands for: 3 for "3" or "three"; "X" when it says none."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return words.numbers.get(word, "X")


def unit(word: str, words: TimexWords) -> str:
    """The TIMEX3 unit of a unit word: "days" -> D, "fortnight" -> 2W, "decade" -> 10Y."""
    return words.units[word.lower()]


def month_number(word: str, words: TimexWords) -> int:
    """1-12 for a month's name or abbreviation ("Sept." -> 9)."""
    return words.months[word.lower().rstrip(".")]


def relative_shift(lowered: list[str], words: TimexWords) -> int | None:
    """-1, 0 or 1 for the first of the (lower-case) words that says last, this or next."""
    for word in lowered:
        if word in words.previous:
            return -1
        if word in words.following:
            return 1
        if word in words.current:
            return 0
    return None


def year_of(published: date | None, month: int, day: int, tense: Callable[[], str]) -> str:
    """The year of a day named without one: the publication year, unless the tense points
    across New Year ("will be sworn in on January 1", written December 30)."""
    if published is None:
        return "XXXX"
    year = published.year
    try:
        named = date(year, month, day)
    except ValueError:
        return str(year)
    gap = (named - published).days
    if gap < -182 and tense() == "future":
        return str(year + 1)
    if gap > 182 and tense() == "past":
        return str(year - 1)
    return str(year)
