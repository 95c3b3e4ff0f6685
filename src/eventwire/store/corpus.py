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
from datetime import date
from typing import Any, Iterator

from sqlalchemy import and_, exists, func, literal, or_, select, true

from . import schema
from .event_filters import (  # noqa: F401  (event_order, week_start: as before, from here too)
    EVENT_SORTS,
    EventFilter,
    checked,
    contains,
    earliest_start,
    event_order,
    filter_values,
    page,
    positive,
    week_start,
)
from .event_queries import (  # noqa: F401
    common_conditions,
    event_conditions,
    event_query,
    events_statement,
)
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

class Corpus:
    def __init__(self, store: Store):
        self.store = store

    # ---- events ---------------------------------------------------------------------------

    def events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Events (mentions of one happening counted once), earliest first, filtered; each with
        its first mention's trigger and sentence."""
        from .aggregate import longest_event

        wanted = checked(EventFilter(**filters))
        page(select(), wanted.limit, wanted.offset)  # a bad page is refused before the store is read
        with self.store.connect() as conn:
            if wanted.since and wanted.starts_from is None:
                wanted.starts_from = earliest_start(wanted.since, longest_event(conn))
            values = filter_values(wanted)
            values.update({name: value for name, value in (("limit", wanted.limit), ("offset", wanted.offset))
                           if value})
            statement = events_statement(frozenset(values), wanted.sort, EVENT_COLUMNS)
            yield from _rows_of(conn.execute(statement, values), EVENT_COLUMNS)

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
        wanted = checked(EventFilter(**filters))
        mentions, articles = schema.event_mentions, schema.articles
        c = mentions.c
        query = (
            select(*(col for col in mentions.c if col.name in MENTION_COLUMNS),
                   _slice(articles.c.text, c.trigger_start, c.trigger_end).label("trigger"),
                   _slice(articles.c.text, c.sentence_start, c.sentence_end).label("sentence"),
                   articles.c.published, articles.c.outlet, articles.c.url, articles.c.input_id)
            .join(articles, articles.c.id == c.article)
            .where(_mention_conditions(wanted))
            .order_by(c.article, c.trigger_start, c.event)
        )
        for row in self._rows(page(query, wanted.limit, wanted.offset), MENTION_COLUMNS):
            for flag in ("counted", "negated", "hypothetical"):
                row[flag] = bool(row[flag])
            yield row

    def count_mentions(self, **filters: Any) -> int:
        """How many rows mentions(**filters) gives, counted by the database rather than read."""
        query = select(func.count()).select_from(schema.event_mentions).where(
            _mention_conditions(checked(EventFilter(**filters))))
        with self.store.connect() as conn:
            return conn.execute(query).scalar_one()
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
        values = filter_values(checked(EventFilter(**filters)))
        query = select(c.date_first, c.first_seen, c.type, c.n_mentions).where(
            and_(true(), *event_conditions(frozenset(values)))).params(values)
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
        positive(limit=limit)
        yield from self._rows(page(_quotes_query(speaker, words, min_sources), limit, offset), QUOTE_COLUMNS)

    def quote_mentions(self, speaker: str | None = None, words: str | None = None,
                       limit: int | None = None, offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Every quote as it stands in its article, in article and text order: `speaker` matches
        the words naming the speaker in the text or the speaker entity's name."""
        positive(limit=limit)
        yield from self._rows(page(_quote_mentions_query(speaker, words), limit, offset), QUOTE_MENTION_COLUMNS)

    def actors(self, name: str | None = None, type: str | None = None, country: str | None = None,
               sector: str | None = None, min_articles: int | None = None,
               limit: int | None = None, offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Actors across articles, the most written about first: `name` matches its name or any
        of its aliases."""
        positive(limit=limit)
        query = _actors_query(name, type, country, sector, min_articles)
        for row in self._rows(page(query, limit, offset), ACTOR_COLUMNS):
            row["aliases"] = json.loads(row["aliases"])
            row["in_knowledge"] = bool(row["in_knowledge"])
            yield row

    def stories(self, min_articles: int = 2, limit: int | None = None,
                offset: int | None = None) -> Iterator[dict[str, Any]]:
        """Stories (near-duplicate articles: wire copies, updates) of at least `min_articles`,
        the most run first, with the outlets that ran them."""
        positive(limit=limit)
        for row in self._rows(page(_stories_query(min_articles), limit, offset), STORY_COLUMNS):
            row["outlets"] = json.loads(row["outlets"] or "[]")
            yield row

    def articles(self, story: str | None = None, limit: int | None = None,
                 offset: int | None = None) -> Iterator[dict[str, Any]]:
        """The stored articles, in the order they were stored, each with its story."""
        positive(limit=limit)
        yield from self._rows(page(_articles_query(story), limit, offset), ARTICLE_COLUMNS)

    def count(self, listing: str, **filters: Any) -> int:
        """How many rows a listing ("quotes", "quote_mentions", "actors", "stories" or
        "articles") gives with these filters, counted by the database rather than read."""
        query = _LISTING_QUERIES[listing](**filters)
        with self.store.connect() as conn:
            return conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()

    def search(self, words: str, limit: int = 20) -> Iterator[dict[str, Any]]:
        """The articles holding all these words, best first, with a snippet (store/search.py)."""
        from .search import search

        return search(self.store, words, limit=limit)

    def _rows(self, query, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
        with self.store.connect() as conn:
            yield from _rows_of(conn.execute(query), columns)


def _rows_of(result, columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """A result's rows as dicts of `columns` (None for one it lacks), a few hundred rows a fetch,
    by position: a row's mapping, key by key, took most of a 100-row page's time in Python."""
    names = list(result.keys())
    if names[:len(columns)] == list(columns):  # the query's own order: zipped, in C
        while rows := result.fetchmany(500):
            for row in rows:
                yield dict(zip(columns, row))
        return
    at = [names.index(key) if key in names else None for key in columns]
    while rows := result.fetchmany(500):
        for row in rows:
            yield {key: None if i is None else row[i] for key, i in zip(columns, at)}


def _quotes_query(speaker: str | None = None, words: str | None = None, min_sources: int | None = None):
    positive(min_sources=min_sources)
    c = schema.quotes.c
    conditions = [contains(c.speaker, speaker), contains(c.content, words)]
    if min_sources:
        conditions.append(c.n_sources >= min_sources)
    return (select(schema.quotes).where(and_(true(), *[x for x in conditions if x is not None]))
            .order_by(c.n_occurrences.desc(), c.first_seen, c.id))


def _quote_mentions_query(speaker: str | None = None, words: str | None = None):
    q, articles = schema.quote_mentions, schema.articles
    conditions = [contains(q.c.content, words)]
    if speaker:
        conditions.append(or_(contains(q.c.speaker, speaker), contains(q.c.speaker_name, speaker)))
    return (select(q, articles.c.published, articles.c.outlet, articles.c.url, articles.c.input_id)
            .join(articles, articles.c.id == q.c.article)
            .where(and_(true(), *[x for x in conditions if x is not None]))
            .order_by(q.c.article, q.c.content_start, q.c.quote))


def _actors_query(name: str | None = None, type: str | None = None, country: str | None = None,
                  sector: str | None = None, min_articles: int | None = None):
    positive(min_articles=min_articles)
    c = schema.actors.c
    conditions = []
    if name:
        conditions.append(or_(contains(c.name, name), contains(c.aliases, name)))
    if type:
        conditions.append(c.type == type.upper())
    if country:
        conditions.append(c.country == country.upper())
    if sector:
        conditions.append((literal(" ") + c.sectors + literal(" ")).contains(f" {sector.upper()} ", autoescape=True))
    if min_articles:
        conditions.append(c.n_articles >= min_articles)
    return (select(schema.actors).where(and_(true(), *conditions))
            .order_by(c.n_articles.desc(), c.n_mentions.desc(), c.name, c.id))


def _stories_query(min_articles: int = 2):
    positive(min_articles=min_articles)
    c = schema.stories.c
    return select(schema.stories).where(c.n_articles >= min_articles).order_by(c.n_articles.desc(), c.first_seen, c.id)


def _articles_query(story: str | None = None):
    a, s = schema.articles, schema.story_articles
    query = (select(*(col for col in a.c if col.name not in ("text", "record", "text_key")),
                    a.c.id.label("article"), s.c.story_id.label("story"))
             .outerjoin(s, s.c.article == a.c.id).order_by(a.c.id))
    return query.where(s.c.story_id == story) if story else query


_LISTING_QUERIES = {"quotes": _quotes_query, "quote_mentions": _quote_mentions_query, "actors": _actors_query,
                    "stories": _stories_query, "articles": _articles_query}


def quotes(store: Store, speaker: str | None = None, words: str | None = None,
           limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every quote as it stands in its article (Corpus.quote_mentions)."""
    return Corpus(store).quote_mentions(speaker=speaker, words=words, limit=limit)


def _mention_conditions(wanted: EventFilter):
    """The condition of Corpus.mentions (and of its count), its values bound."""
    c = schema.event_mentions.c
    values = filter_values(wanted, events=False)
    conditions = common_conditions(frozenset(values), c, c.date, c.date)
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
        # the event's articles first (an index lookup), so that only their mentions are read
        conditions.append(c.article.in_(select(links.c.article).where(links.c.event_id == wanted.id)))
    if wanted.story:
        conditions.append(exists().where(schema.story_articles.c.article == c.article,
                                         schema.story_articles.c.story_id == wanted.story))
    return and_(true(), *conditions).params(values)


def _slice(text, start, end):
    """Characters start..end of a stored text, cut by the database (not the whole text fetched)."""
    return func.substr(text, start + 1, end - start)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None

