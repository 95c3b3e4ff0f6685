"""Rules for dates named on the calendar: "2022-03-28", "March 28, 2022", "28 March",
"May 2021", "the third quarter", "Q3 2021", "the 1990s", "the 19th century", "in 2014".

A day named without its year takes the publication year, or the one before or after
when the tense points across New Year; a quarter without a year takes the
publication year.
"""

from __future__ import annotations

import re

from . import calendar
from .context import DATE, EARLY_MID_LATE, Result, RuleContext


def iso(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    return DATE, text


def mdy(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    fragments = context.patterns.fragments
    match = re.match(rf"({fragments.month}) (\d{{1,2}})(?:st|nd|rd|th)?,? ({fragments.year})", text)
    return DATE, f"{match[3]}-{calendar.month_number(match[1], context.words):02d}-{int(match[2]):02d}"


def dmy(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    fragments = context.patterns.fragments
    match = re.match(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({fragments.month}),? ({fragments.year})", text)
    return DATE, f"{match[3]}-{calendar.month_number(match[2], context.words):02d}-{int(match[1]):02d}"


def _year_of(context: RuleContext, month: int, day: int, start: int, end: int) -> str:
    return calendar.year_of(context.published, month, day, lambda: context.tense(start, end))


def md(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    match = re.match(rf"({context.patterns.fragments.month}) (\d{{1,2}})", text)
    month, day = calendar.month_number(match[1], context.words), int(match[2])
    if not 1 <= day <= 31:
        return None
    return DATE, f"{_year_of(context, month, day, start, end)}-{month:02d}-{day:02d}"


def dm(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    match = re.match(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({context.patterns.fragments.month})", text)
    month, day = calendar.month_number(match[2], context.words), int(match[1])
    # after a number, a month that is also a word ("May", "March") is a date only with "of"
    if not 1 <= day <= 31 or (match[2].lower().rstrip(".") in context.words.ambiguous_months and " of " not in text):
        return None
    return DATE, f"{_year_of(context, month, day, start, end)}-{month:02d}-{day:02d}"


def my(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    fragments = context.patterns.fragments
    match = re.match(rf"(?:(early|mid|late)[- ])?({fragments.month}),? ({fragments.year})", text)
    mod = EARLY_MID_LATE.get((match[1] or "").lower())
    return DATE, f"{match[3]}-{calendar.month_number(match[2], context.words):02d}", mod


def _year_or_published(context: RuleContext, text: str) -> str:
    """The year written in the expression, else the publication year, else XXXX."""
    year_match = re.search(context.patterns.fragments.year, text)
    if year_match:
        return year_match[0]
    return str(context.published.year) if context.published else "XXXX"


def quarter(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    words = text.lower().replace("-", " ").split()
    word = next(x for x in words if x in context.words.ordinals or x in ("last", "final"))
    number = 4 if word in ("last", "final") else context.words.ordinals[word]
    return DATE, f"{_year_or_published(context, text)}-Q{number}"


def q_code(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    return DATE, f"{_year_or_published(context, text)}-Q{text[1]}"


def decade(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    match = re.search(r"(1[5-9]|20)(\d)0s", text)
    lower = text.lower()
    mod = "START" if "early" in lower else "MID" if "mid" in lower else "END" if "late" in lower else None
    if match:
        return DATE, match[1] + match[2], mod
    short = re.search(r"'(\d)0s", text)  # "the '90s"
    return DATE, "19" + short[1], mod


def century(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    ordinal = int(re.search(r"\d+", text)[0])
    return DATE, f"{ordinal - 1:02d}"  # the 19th century is 18xx


def year(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    # "since 2014": the year is the last word
    return DATE, re.search(context.patterns.fragments.year + r"$", text)[0]


def year_start(context: RuleContext, text: str, start: int, end: int) -> Result | None:
    return DATE, text
