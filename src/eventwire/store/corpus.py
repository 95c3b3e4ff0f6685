"""Questions about a corpus store, as Python: the layer the CLI, the HTTP API and the batch
runner share.

    corpus = Corpus(Store.open("eventwire.db"))
    for row in corpus.events(actor="RUS", recipient="UKR", type="ASSAULT", since="2022-02"):
        ...                                   # events: mentions of one happening counted once
    corpus.mentions(actor="RUS")              # every report of an event, with its article
    corpus.event("ev-1a2b3c4d5e6f")           # one event and its mentions (a merged-away id too)
    corpus.quotes(speaker="Ruto")             # the same words by the same speaker counted once
    corpus.actors(name="Zelensky")            # one actor per identity, with its aliases
    corpus.timeline("RUS")                    # an actor's events per week, by type
    corpus.stories()                          # near-duplicate articles and who ran them
    corpus.search("ceasefire Gaza")           # full text: the articles holding these words

Parameterised SQL only (SQLAlchemy Core expressions): a filter value is never pasted into SQL.
Every listing is an iterator of dicts with the keys of its *_COLUMNS, in that order.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from sqlalchemy import and_, exists, func, literal, or_, select, true

from ..errors import InputError
from . import schema
from .store import Store

EVENT_COLUMNS = ("id", "type", "mode", "status", "actor_countries", "actor_sectors", "actor_names",
                 "recipient_countries", "recipient_sectors", "recipient_names", "date_first", "date_last",
                 "place", "place_country", "n_mentions", "n_articles", "n_sources", "n_independent",
                 "first_seen", "last_seen", "trigger", "sentence", "url")
MENTION_COLUMNS = ("article", "event", "type", "mode", "actor_countries", "actor_sectors", "actor_names",
                   "recipient_countries", "recipient_sectors", "recipient_names", "date", "place", "place_country",
                   "counted", "negated", "hypothetical", "modality", "trigger", "sentence", "published", "outlet",
                   "url", "input_id")
QUOTE_COLUMNS = ("id", "speaker", "content", "n_occurrences", "n_articles", "n_sources", "n_independent",
                 "first_seen", "last_seen")
QUOTE_MENTION_COLUMNS = ("article", "quote", "kind", "speaker", "speaker_name", "content", "published", "outlet",
                         "url", "input_id")
ACTOR_COLUMNS = ("id", "name", "type", "country", "sectors", "in_knowledge", "n_articles", "n_mentions",
                 "n_sources", "first_seen", "last_seen", "aliases")
STORY_COLUMNS = ("id", "n_articles", "n_sources", "outlets", "title", "first_seen", "last_seen")
ARTICLE_COLUMNS = ("article", "input_id", "origin", "url", "outlet", "title", "published", "published_from",
                   "place", "place_country", "place_from", "chars", "story", "ingested_at")
TIMELINE_COLUMNS = ("week", "type", "events", "mentions")

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


class Corpus:
    def __init__(self, store: Store):
        self.store = store

    # ---- events ---------------------------------------------------------------------------

    def events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Events (mentions of one happening counted once), earliest first, filtered; each with
        its first mention's trigger and sentence."""
        wanted = _checked(EventFilter(**filters))
        query = (select(schema.events).where(and_(true(), *_event_conditions(wanted)))
                 .order_by(*event_order(wanted.sort)))
        yield from self._rows(_page(query, wanted.limit, wanted.offset), EVENT_COLUMNS)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every mention of it; an id merged into another event leads there."""
        from .aggregate import resolve

        current = resolve(self.store, event_id)
        if current is None:
            return None
        event = next(self.events(id=current, negated=True, hypothetical=True), None)
        if event is not None:
            event["mentions"] = list(self.mentions(id=current, uncounted=True))
        return event

    def mentions(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Event mentions (every report) with their article, in article and text order, filtered."""
        wanted = _checked(EventFilter(**filters))
        mentions, articles = schema.event_mentions, schema.articles
        c = mentions.c
        conditions = _conditions(wanted, c, c.date, c.date)
        if not (wanted.uncounted or (wanted.negated and wanted.hypothetical)):
            if wanted.negated:
                conditions.append(or_(c.counted.is_(True), c.negated.is_(True)))
            elif wanted.hypothetical:
                conditions.append(or_(c.counted.is_(True), c.negated.is_(False)))
            else:
                conditions.append(c.counted.is_(True))
        if wanted.id:
            links = schema.event_links
            conditions.append(exists().where(links.c.event_id == wanted.id, links.c.article == c.article,
                                             links.c.event == c.event))
        if wanted.story:
            conditions.append(exists().where(schema.story_articles.c.article == c.article,
                                             schema.story_articles.c.story_id == wanted.story))
        query = (
            select(*(col for col in mentions.c if col.name in MENTION_COLUMNS),
                   _slice(articles.c.text, c.trigger_start, c.trigger_end).label("trigger"),
                   _slice(articles.c.text, c.sentence_start, c.sentence_end).label("sentence"),
                   articles.c.published, articles.c.outlet, articles.c.url, articles.c.input_id)
            .join(articles, articles.c.id == c.article)
            .where(and_(true(), *conditions))
            .order_by(c.article, c.trigger_start, c.event)
        )
        for row in self._rows(_page(query, wanted.limit, wanted.offset), MENTION_COLUMNS):
            for flag in ("counted", "negated", "hypothetical"):
                row[flag] = bool(row[flag])
            yield row

    def timeline(self, actor: str, recipient: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
        """An actor's events per ISO week and type: `actor` is a country code or words of its
        name; with `recipient`, the events done to it instead."""
        code = actor.upper() if re.fullmatch(r"[A-Za-z]{3}", actor) else None
        side = "recipient" if recipient else "actor"
        if code:
            filters[side] = code
        else:
            filters[f"{side}_name"] = actor
        counts: Counter = Counter()
        mentions: Counter = Counter()
        c = schema.events.c  # only the columns a timeline needs: no evidence texts
        query = select(c.date_first, c.first_seen, c.type, c.n_mentions).where(
            and_(true(), *_event_conditions(_checked(EventFilter(**filters)))))
        for event in self._rows(query, ("date_first", "first_seen", "type", "n_mentions")):
            day = _day(event["date_first"]) or _day(event["first_seen"])
            if day is None:
                continue
            year, week, _ = day.isocalendar()
            key = (f"{year}-W{week:02d}", event["type"])
            counts[key] += 1
            mentions[key] += event["n_mentions"]
        for key in sorted(counts):
            yield {"week": key[0], "type": key[1], "events": counts[key], "mentions": mentions[key]}

    # ---- quotes, actors, stories, articles --------------------------------------------------

    def quotes(self, speaker: str | None = None, words: str | None = None, min_sources: int | None = None,
               limit: int | None = None, offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Quotes across articles (the same words by the same speaker once), most often quoted
        first: `speaker` matches the speaker's name, `words` the quoted words (case aside)."""
        _positive(limit=limit, min_sources=min_sources)
        c = schema.quotes.c
        conditions = [_contains(c.speaker, speaker), _contains(c.content, words)]
        if min_sources:
            conditions.append(c.n_sources >= min_sources)
        query = (select(schema.quotes).where(and_(true(), *[x for x in conditions if x is not None]))
                 .order_by(c.n_occurrences.desc(), c.first_seen, c.id))
        yield from self._rows(_page(query, limit, offset), QUOTE_COLUMNS)

    def quote_mentions(self, speaker: str | None = None, words: str | None = None,
                       limit: int | None = None, offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Every quote as it stands in its article, in article and text order: `speaker` matches
        the words naming the speaker in the text or the speaker entity's name."""
        _positive(limit=limit)
        q, articles = schema.quote_mentions, schema.articles
        conditions = [_contains(q.c.content, words)]
        if speaker:
            conditions.append(or_(_contains(q.c.speaker, speaker), _contains(q.c.speaker_name, speaker)))
        query = (select(q, articles.c.published, articles.c.outlet, articles.c.url, articles.c.input_id)
                 .join(articles, articles.c.id == q.c.article)
                 .where(and_(true(), *[x for x in conditions if x is not None]))
                 .order_by(q.c.article, q.c.content_start, q.c.quote))
        yield from self._rows(_page(query, limit, offset), QUOTE_MENTION_COLUMNS)

    def actors(self, name: str | None = None, type: str | None = None, country: str | None = None,
               sector: str | None = None, min_articles: int | None = None,
               limit: int | None = None, offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Actors across articles, the most written about first: `name` matches its name or any
        of its aliases."""
        _positive(limit=limit, min_articles=min_articles)
        c = schema.actors.c
        conditions = []
        if name:
            conditions.append(or_(_contains(c.name, name), _contains(c.aliases, name)))
        if type:
            conditions.append(c.type == type.upper())
        if country:
            conditions.append(c.country == country.upper())
        if sector:
            conditions.append((literal(" ") + c.sectors + literal(" ")).contains(f" {sector.upper()} ", autoescape=True))
        if min_articles:
            conditions.append(c.n_articles >= min_articles)
        query = (select(schema.actors).where(and_(true(), *conditions))
                 .order_by(c.n_articles.desc(), c.n_mentions.desc(), c.name, c.id))
        for row in self._rows(_page(query, limit, offset), ACTOR_COLUMNS):
            row["aliases"] = json.loads(row["aliases"])
            row["in_knowledge"] = bool(row["in_knowledge"])
            yield row

    def stories(self, min_articles: int = 2, limit: int | None = None,
                offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Stories (near-duplicate articles: wire copies, updates) of at least `min_articles`,
        the most run first, with the outlets that ran them."""
        _positive(limit=limit, min_articles=min_articles)
        c = schema.stories.c
        query = (select(schema.stories).where(c.n_articles >= min_articles)
                 .order_by(c.n_articles.desc(), c.first_seen, c.id))
        for row in self._rows(_page(query, limit, offset), STORY_COLUMNS):
            row["outlets"] = json.loads(row["outlets"] or "[]")
            yield row

    def articles(self, story: str | None = None, limit: int | None = None,
                 offset: int | None = None) -> Iterator[dict[str, Any]]:
        """The stored articles, in the order they were stored, each with its story."""
        _positive(limit=limit)
        a, s = schema.articles, schema.story_articles
        query = (select(*(col for col in a.c if col.name not in ("text", "record", "text_key")),
                        a.c.id.label("article"), s.c.story_id.label("story"))
                 .outerjoin(s, s.c.article == a.c.id).order_by(a.c.id))
        if story:
            query = query.where(s.c.story_id == story)
        yield from self._rows(_page(query, limit, offset), ARTICLE_COLUMNS)

    def search(self, words: str, limit: int = 20) -> Iterator[dict[str, Any]]:
        """The articles holding all these words, best first, with a snippet (store/search.py)."""
        from .search import search

        return search(self.store, words, limit=limit)

    def _rows(self, query, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
        with self.store.connect() as conn:
            for row in conn.execute(query).mappings():
                yield {key: row.get(key) for key in columns}


def quotes(store: Store, speaker: str | None = None, words: str | None = None,
           limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every quote as it stands in its article (Corpus.quote_mentions)."""
    return Corpus(store).quote_mentions(speaker=speaker, words=words, limit=limit)


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
    wanted = _checked(EventFilter(**filters))
    return _page(query.where(and_(true(), *_event_conditions(wanted))), wanted.limit, wanted.offset)


def _event_conditions(wanted: EventFilter) -> list:
    c = schema.events.c
    conditions = _conditions(wanted, c, c.date_first, c.date_last)
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


def _checked(wanted: EventFilter) -> EventFilter:
    _positive(limit=wanted.limit, min_sources=wanted.min_sources)
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


def _positive(**values: int | None) -> None:
    for name, value in values.items():
        if value is not None and value < 1:
            raise InputError(name.replace("_", " "), f"{value} is not a number of rows, sources or articles",
                             "give 1 or more")


def _page(query, limit: int | None, offset: int | None):
    """At most `limit` rows of the query after the first `offset` (an API page); every listing
    has a total order, so consecutive pages neither repeat nor skip a row."""
    if offset is not None and offset < 0:
        raise InputError("offset", f"{offset} is not a number of rows to skip", "give 0 or more")
    if limit:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def _conditions(wanted: EventFilter, c, first, last) -> list:
    conditions = []
    for column, code in ((c.actor_countries, wanted.actor), (c.recipient_countries, wanted.recipient),
                         (c.actor_sectors, wanted.actor_sector), (c.recipient_sectors, wanted.recipient_sector)):
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
            conditions.append(_contains(column, words))
    if wanted.type:
        conditions.append(c.type == wanted.type.upper())
    if wanted.mode:
        conditions.append(c.mode == wanted.mode)
    if wanted.country:
        conditions.append(c.place_country == wanted.country.upper())
    if wanted.since:
        conditions.append(last >= wanted.since)
    if wanted.until:
        # "2022-03" includes every day of March: compare as many characters as it has
        conditions.append(func.substr(first, 1, len(wanted.until)) <= wanted.until)
    return conditions


def _contains(column, words: str | None):
    """Case-insensitive containment, with % and _ in the words meaning themselves."""
    if not words:
        return None
    return func.lower(column).contains(words.lower(), autoescape=True)


def _slice(text, start, end):
    """Characters start..end of a stored text, cut by the database (not the whole text fetched)."""
    return func.substr(text, start + 1, end - start)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None

