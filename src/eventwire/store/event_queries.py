"""The SQL of the events' and mentions' filters: conditions made from the names of the values
a filter binds (event_filters.filter_values), never from the values themselves, so that one
statement serves every query of the same filters and is built, and its cache key computed,
once (events_statement): the two took as long as the query itself on a page of events.

Events are listed from indexes in the listings' order (date_first, first_article, id): a
dyad's from event_dyads, one country's from event_countries (each code of each side of each
event, one a row, with that side's sectors), a type's or a place's from the events' own, so a
page is read in order and stops after its rows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Collection

from sqlalchemy import and_, bindparam, exists, func, literal, or_, select, true

from . import schema
from .event_filters import (
    LIKE_ESCAPE,
    EventFilter,
    checked,
    event_order,
    filter_values,
    page,
)

# built once: an alias's columns are made when first asked for, a tenth of a query's own time
_WALK = schema.event_countries.alias("walk")
_DYAD = schema.event_dyads.alias("dyad")
_HAS_COUNTRY = {side: schema.event_countries.alias(f"{side}_country") for side in ("actor", "recipient")}


@lru_cache(maxsize=1024)
def events_statement(names: frozenset[str], sort: str, columns: tuple[str, ...]):
    """The select of Corpus.events for the filters whose values are `names` (and "limit" and
    "offset", its page), in `sort` order, giving the events' `columns` in that order: in date
    order from a dyad's rows in event_dyads or one country's in event_countries when the
    filters name them, else from the events' own indexes. Run it with the values."""
    order = event_order(sort)  # refuses a sort that is not one of EVENT_SORTS ("--date" too)
    chosen = [schema.events.c[name] for name in columns]
    if sort.lstrip("-") == "date" and ("actor" in names or "recipient" in names):
        query = _walk(names, sort, chosen)
    else:
        query = select(*chosen).where(and_(true(), *event_conditions(names))).order_by(*order)
    if "limit" in names:
        query = query.limit(bindparam("limit"))
    return query.offset(bindparam("offset")) if "offset" in names else query


def event_query(query, **filters: Any):
    """`query` (a select over the events table) narrowed and paged as Corpus.events would be:
    for counts and exports of the same events in other shapes (POLECAT, PLOVER)."""
    wanted = checked(EventFilter(**filters))
    values = filter_values(wanted)
    narrowed = query.where(and_(true(), *event_conditions(frozenset(values)))).params(values)
    return page(narrowed, wanted.limit, wanted.offset)


def _walk(names: Collection[str], sort: str, chosen: list):
    """Events of a dyad (both sides' countries: one range of event_dyads' index, however many
    events each country has with others) or of one side's country (event_countries, with that
    side's sector checked in its index, before the event's row is read), in the listings'
    order, with the date bounds checked on the walk's own columns."""
    if "actor" in names and "recipient" in names:
        walk, walked = _DYAD, "dyad"
        w = walk.c
        conditions = [w.actor == bindparam("actor"), w.recipient == bindparam("recipient")]
    else:
        walk, walked = _WALK, "actor" if "actor" in names else "recipient"
        w = walk.c
        conditions = [w.side == walked, w.country == bindparam(walked)]
        if f"{walked}_sector" in names:
            conditions.append(has_code(w.sectors, f"{walked}_sector"))
            names = set(names) - {f"{walked}_sector"}
    conditions += event_conditions(names, walked=(walked, w.event_id))
    if "since" in names:
        conditions.append(w.date_last >= bindparam("since"))
    if "starts_from" in names:
        conditions.append(w.date_first >= bindparam("starts_from"))
    conditions += _until(names, w.date_first)
    events = schema.events
    keys = [w.date_first, w.first_article]
    keys = [key.desc() if sort.startswith("-") else key for key in keys] + [w.event_id]  # as event_order
    return (select(*chosen).select_from(walk.join(events, events.c.id == w.event_id))
            .where(and_(*conditions)).order_by(*keys))


def event_conditions(names: Collection[str], walked: tuple | None = None) -> list:
    """The conditions on events for the values `names`; `walked`: (side, event id column) when
    the query reads that side's country from event_countries already, or ("dyad", ...) both
    sides' from event_dyads (_walk)."""
    c = schema.events.c
    conditions = common_conditions(names, c, c.date_first, c.date_last, countries=False)
    for side in ("actor", "recipient"):
        if side not in names or (walked and walked[0] in (side, "dyad")):
            continue
        has = _HAS_COUNTRY[side].c
        if walked:  # one event at a time, as the walk reaches it: an index probe (of event_id,
            # not SELECT *: SQLite would take the index that covers every column, not this one's)
            conditions.append(select(has.event_id).where(has.event_id == walked[1], has.side == side,
                                                          has.country == bindparam(side)).exists())
        else:  # every event of the country, from the index (the list drives the query)
            conditions.append(c.id.in_(select(has.event_id).where(has.side == side, has.country == bindparam(side))))
    statuses = sorted(name for name in names if name.startswith("status_"))
    conditions.append(c.status.in_([bindparam(name) for name in statuses]))
    if "starts_from" in names and not walked:
        conditions.append(c.date_first >= bindparam("starts_from"))
    if "min_sources" in names:
        conditions.append(c.n_sources >= bindparam("min_sources"))
    if "id" in names:
        conditions.append(c.id == bindparam("id"))
    if "story" in names:
        links, stories = schema.event_links, schema.story_articles
        conditions.append(exists().where(links.c.event_id == c.id, stories.c.article == links.c.article,
                                         stories.c.story_id == bindparam("story")))
    return conditions


def common_conditions(names: Collection[str], c, first, last, countries: bool = True) -> list:
    """The filters events and mentions share, for the values `names`; `countries`: also the
    actor's and recipient's countries, matched in their lists (events find theirs in
    event_countries instead)."""
    conditions = []
    codes = [(c.actor_sectors, "actor_sector"), (c.recipient_sectors, "recipient_sector")]
    if countries:
        codes += [(c.actor_countries, "actor"), (c.recipient_countries, "recipient")]
    conditions += [has_code(column, name) for column, name in codes if name in names]
    for column, name in ((c.actor_names, "actor_name"), (c.recipient_names, "recipient_name"), (c.place, "place")):
        if f"{name}_like" in names:  # words in it, case aside
            conditions.append(func.lower(column).like(bindparam(f"{name}_like"), escape=LIKE_ESCAPE))
    for column, name in ((c.type, "type"), (c.mode, "mode"), (c.place_country, "country")):
        if name in names:
            conditions.append(column == bindparam(name))
    if "since" in names:
        conditions.append(last >= bindparam("since"))
    return conditions + _until(names, first)


def has_code(column, name: str):
    """`column` (codes stored space-separated: "BLR RUS", "GOV MIL") holds the code bound as
    `name`: alone, matched exactly (an index serves it), or among others, by the padded
    pattern bound as `name`_like."""
    return or_(column == bindparam(name),
               (literal(" ") + column + literal(" ")).like(bindparam(f"{name}_like"), escape=LIKE_ESCAPE))


def _until(names: Collection[str], first) -> list:
    if "until_before" in names:  # before the next year, month or day: a bound an index serves
        return [first < bindparam("until_before")]
    if "until_prefix" in names:  # as many characters as the bound has
        return [func.substr(first, 1, bindparam("until_length")) <= bindparam("until_prefix")]
    return []

