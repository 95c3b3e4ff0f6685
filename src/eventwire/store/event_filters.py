"""What a listing's filters ask of the store, as SQLAlchemy conditions: the events' and their
mentions' filters (EventFilter), the events' orders, and the paging every listing shares.

Events are listed from indexes in the listings' order (date_first, first_article, id): a
country's from event_countries (each code of each side of each event, one a row), a type's or
a place's from the events' own, so a page is read in order and stops after its rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, func, literal, or_, select, true

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


def event_query(query, **filters: Any):
    """`query` (a select over the events table) narrowed and paged as Corpus.events would be:
    for exports of the same events in other shapes (POLECAT, PLOVER)."""
    wanted = checked(EventFilter(**filters))
    return page(query.where(and_(true(), *event_conditions(wanted))), wanted.limit, wanted.offset)


def events_query(wanted: EventFilter):
    """The select of Corpus.events, before its page: from a country's rows in event_countries
    when one is asked for and the order is by date, else from the events' own indexes."""
    side, code = ("actor", wanted.actor) if wanted.actor else ("recipient", wanted.recipient)
    if code and wanted.sort.lstrip("-") == "date":
        return _walk_country(wanted, side, code.upper())
    return (select(schema.events).where(and_(true(), *event_conditions(wanted)))
            .order_by(*event_order(wanted.sort)))


def _walk_country(wanted: EventFilter, side: str, code: str):
    """Events of a country, in date order: read from event_countries' index in that order
    (date_first, first_article, id, as event_order), so a page stops after its rows instead of
    reading and sorting all of the country's events; its dates are checked in the index too."""
    events, walk = schema.events, schema.event_countries.alias("walk")
    w = walk.c
    conditions = [w.side == side, w.country == code, *event_conditions(wanted, walked=(side, w.event_id))]
    if wanted.since:
        conditions.append(w.date_last >= wanted.since)
    if wanted.until:
        conditions.append(_until(w.date_first, wanted.until))
    keys = [w.date_first, w.first_article]
    keys = [key.desc() if wanted.sort.startswith("-") else key for key in keys] + [w.event_id]  # as event_order
    return (select(events).select_from(walk.join(events, events.c.id == w.event_id))
            .where(and_(*conditions)).order_by(*keys))


def event_conditions(wanted: EventFilter, walked: tuple | None = None) -> list:
    """The conditions on events; `walked`: (side, event id column) when the query reads that
    side's country from event_countries already (_walk_country)."""
    c = schema.events.c
    conditions = common_conditions(wanted, c, c.date_first, c.date_last, countries=False, until=_until)
    countries = schema.event_countries
    for side, code in (("actor", wanted.actor), ("recipient", wanted.recipient)):
        if not code or (walked and walked[0] == side):
            continue
        has = countries.alias(f"{side}_country").c
        if walked:  # one event at a time, as the walk reaches it: an index probe (of event_id,
            # not SELECT *: SQLite would take the index that covers every column, not this one's)
            conditions.append(select(has.event_id).where(has.event_id == walked[1], has.side == side,
                                                          has.country == code.upper()).exists())
        else:  # every event of the country, from the index (the list drives the query)
            conditions.append(c.id.in_(select(has.event_id).where(has.side == side, has.country == code.upper())))
    statuses = ["asserted"] + ["negated"] * (wanted.negated or wanted.uncounted) \
        + ["hypothetical"] * (wanted.hypothetical or wanted.uncounted)
    conditions.append(c.status.in_(statuses))
    if wanted.min_sources:
        conditions.append(c.n_sources >= wanted.min_sources)
    if wanted.id:
        conditions.append(c.id == wanted.id)
    if wanted.story:
        links, stories = schema.event_links, schema.story_articles
        conditions.append(exists().where(links.c.event_id == c.id, stories.c.article == links.c.article,
                                         stories.c.story_id == wanted.story))
    return conditions


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


def common_conditions(wanted: EventFilter, c, first, last, countries: bool = True, until=None) -> list:
    """The filters events and mentions share; `countries`: also the actor's and recipient's
    countries, matched in their lists (events find theirs in event_countries instead);
    `until`: how the `until` bound is compared (_until for ISO days)."""
    conditions = []
    codes = [(c.actor_sectors, wanted.actor_sector), (c.recipient_sectors, wanted.recipient_sector)]
    if countries:
        codes += [(c.actor_countries, wanted.actor), (c.recipient_countries, wanted.recipient)]
    for column, code in codes:
        if code:
            # codes are stored space-separated: one code alone is matched exactly (the index
            # serves it); among others, padded so that "IN" never matches "IND"; a % or _ in
            # the code is itself, not a wildcard
            code = code.upper()
            conditions.append(or_(column == code, (literal(" ") + column + literal(" ")).contains(f" {code} ",
                                                                                              autoescape=True)))
    for column, words in ((c.actor_names, wanted.actor_name), (c.recipient_names, wanted.recipient_name),
                          (c.place, wanted.place)):
        if words:
            conditions.append(contains(column, words))
    if wanted.type:
        conditions.append(c.type == wanted.type.upper())
    if wanted.mode:
        conditions.append(c.mode == wanted.mode)
    if wanted.country:
        conditions.append(c.place_country == wanted.country.upper())
    if wanted.since:
        conditions.append(last >= wanted.since)
    if wanted.until:
        if until is not None:
            conditions.append(until(first, wanted.until))
        else:  # "2022-03" includes every day of March: compare as many characters as it has
            conditions.append(func.substr(first, 1, len(wanted.until)) <= wanted.until)
    return conditions


def _until(first, until: str):
    """`first` (an ISO day, as events have) on or before the year, month or day `until`:
    before the next one starts, a bound an index can serve (a cut of the column is not)."""
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
    except ValueError:  # not a real date ("2022-13"): compared as text, as before
        return func.substr(first, 1, len(until)) <= until
    return first < following


def contains(column, words: str | None):
    """Case-insensitive containment, with % and _ in the words meaning themselves."""
    if not words:
        return None
    return func.lower(column).contains(words.lower(), autoescape=True)
