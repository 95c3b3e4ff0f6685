"""What a listing's filters ask of the store: the events' and their mentions' filters
(EventFilter), checked; the values they bind, by name (filter_values); the events' orders; and
the paging every listing shares. The SQL they make is event_queries.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func

from ..errors import InputError
from . import schema

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class EventFilter:
    actor: str | None = None  # a country code among the actor's
    recipient: str | None = None
    actor_sector: str | None = None  # a sector code among the actor's: GOV, MIL, REB ...
    recipient_sector: str | None = None
    actor_name: str | None = None  # words in the actor's names (case aside)
    recipient_name: str | None = None
    type: str | None = None
    mode: str | None = None
    since: str | None = None  # a date or its prefix: "2022", "2022-03", "2022-03-01", or a week "2022-W09"
    until: str | None = None
    place: str | None = None  # words in the place's name
    country: str | None = None  # the country the event happened in
    story: str | None = None  # only events reported in this story's articles
    min_sources: int | None = None  # events reported by at least this many outlets (events only)
    negated: bool = False  # also events said not to have happened
    hypothetical: bool = False  # also events planned, possible, demanded or asked about
    uncounted: bool = False  # both of the above (kept for `eventwire events --mentions --all`)
    id: str | None = None  # one event (events), or the mentions of one event (mentions)
    limit: int | None = None
    offset: int | None = None  # rows skipped first: where a page starts
    sort: str = "date"  # events only: one of EVENT_SORTS (a leading - for the largest or latest first)
    # events only, set by Corpus.events from the store: the earliest day an event dated `since`
    # or later can start (that day less the store's longest event), where a walk in date order
    # begins instead of reading every earlier event to find the few long ones
    starts_from: str | None = None


def week_start(value: str) -> str:
    """A date bound as the store compares it: an ISO week "2022-W09" is its Monday."""
    week = _WEEK.match(value)
    if week:
        try:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            raise InputError(value, "is not a week of that year", "give a week such as 2022-W09") from None
    return value


EVENT_SORTS = ("date", "-date", "n_mentions", "-n_mentions", "n_articles", "-n_articles", "n_sources", "-n_sources")


def event_order(sort: str = "date") -> list:
    """The events' order for `sort`; the id last, so that the order is total (pages by offset)."""
    if sort not in EVENT_SORTS:
        raise InputError(f"sort {sort}", "is not an order of events", f"give one of {', '.join(EVENT_SORTS)}")
    c = schema.events.c
    keys = [c.date_first, c.first_article] if sort.lstrip("-") == "date" else [c[sort.lstrip("-")], c.date_first]
    return [key.desc() if sort.startswith("-") else key for key in keys] + [c.id]


def earliest_start(since: str, longest_days: int | None) -> str | None:
    """The earliest day an event dated `since` (a year, month or day) or later can start, when
    no event spans more than `longest_days`; None when that is not known."""
    if longest_days is None:
        return None
    try:
        first = date.fromisoformat((since + "-01-01")[:10] if len(since) < 10 else since)
        return date.fromordinal(first.toordinal() - longest_days).isoformat()
    except (ValueError, OverflowError):  # "2022-13" or the year 1: no bound
        return None


def checked(wanted: EventFilter) -> EventFilter:
    positive(limit=wanted.limit, min_sources=wanted.min_sources)
    for name in ("since", "until"):
        value = getattr(wanted, name)
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}", value):
            raise InputError(f"{name} {value}", "is not a date",
                             "give a year, month, day or ISO week: 2022, 2022-03, 2022-03-01 or 2022-W09")
    if wanted.since:
        wanted.since = week_start(wanted.since)
    if wanted.until and _WEEK.match(wanted.until):
        wanted.until = (date.fromisoformat(week_start(wanted.until)).toordinal() + 6)
        wanted.until = date.fromordinal(wanted.until).isoformat()  # the week's Sunday
    return wanted


def positive(**values: int | None) -> None:
    for name, value in values.items():
        if value is not None and value < 1:
            raise InputError(name.replace("_", " "), f"{value} is not a number of rows, sources or articles",
                             "give 1 or more")


def page(query, limit: int | None, offset: int | None):
    """At most `limit` rows of the query after the first `offset` (an API page); every listing
    has a total order, so consecutive pages neither repeat nor skip a row."""
    if offset is not None and offset < 0:
        raise InputError("offset", f"{offset} is not a number of rows to skip", "give 0 or more")
    if limit:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def filter_values(wanted: EventFilter, events: bool = True) -> dict[str, Any]:
    """The values a checked filter binds, by the names event_queries.py's conditions give them:
    the conditions are made from these names alone, so that a query of the same filters with
    other values is the same statement. `events`: for events (dates are days, so `until` is
    a bound before the next year, month or day; the store's events start from `starts_from`),
    else for mentions (`until` compares as many characters as it has)."""
    values: dict[str, Any] = {}
    for name in ("actor", "recipient", "actor_sector", "recipient_sector"):
        code = getattr(wanted, name)
        if code:
            # codes are stored space-separated: one alone is matched exactly, among others
            # padded so that "IN" never matches "IND"; a % or _ in the code is itself
            values[name] = code.upper()
            values[f"{name}_like"] = f"% {_escaped(code.upper())} %"
    for name in ("actor_name", "recipient_name", "place"):
        words = getattr(wanted, name)
        if words:
            values[f"{name}_like"] = f"%{_escaped(words.lower())}%"
    for name, value in (("type", wanted.type and wanted.type.upper()), ("mode", wanted.mode),
                        ("country", wanted.country and wanted.country.upper()), ("since", wanted.since),
                        ("min_sources", wanted.min_sources), ("id", wanted.id), ("story", wanted.story)):
        if value:
            values[name] = value
    if wanted.until:
        following = _following(wanted.until) if events else None
        if following:
            values["until_before"] = following
        else:  # "2022-03" includes every day of March: compare as many characters as it has
            values["until_prefix"], values["until_length"] = wanted.until, len(wanted.until)
    if events:
        if wanted.starts_from:
            values["starts_from"] = wanted.starts_from
        statuses = ["asserted"] + ["negated"] * (wanted.negated or wanted.uncounted) \
            + ["hypothetical"] * (wanted.hypothetical or wanted.uncounted)
        values.update({f"status_{n}": status for n, status in enumerate(statuses)})
    return values


LIKE_ESCAPE = "/"


def _escaped(text: str) -> str:
    """`text` matched as itself in a LIKE pattern (escaped with LIKE_ESCAPE)."""
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _following(until: str) -> str | None:
    """The year, month or day after `until`: an ISO day (as events have) on or before `until` is
    before it, a bound an index can serve (a cut of the column is not); None for a date that is
    not real ("2022-13"), compared as text instead."""
    try:
        if len(until) == 4:
            following = f"{int(until) + 1:04d}"
        elif len(until) == 7:
            year, month = int(until[:4]), int(until[5:])
            if not 1 <= month <= 12:
                raise ValueError(until)
            following = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
        else:
            following = date.fromordinal(date.fromisoformat(until).toordinal() + 1).isoformat()
    except ValueError:
        return None
    return following


def contains(column, words: str | None):
    """Case-insensitive containment, with % and _ in the words meaning themselves."""
    if not words:
        return None
    return func.lower(column).contains(words.lower(), autoescape=True)
