"""One row of the corpus store by its id, with what hangs off it (an article's whole record, a
quote's occurrences, an actor's articles, a story's articles), and event counts between two
sides by week or month: the questions an API row or aggregate asks that Corpus's listings do not.
Parameterised SQL only (SQLAlchemy Core)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterator

from sqlalchemy import and_, select, true

from ..errors import InputError
from . import schema
from .corpus import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_MENTION_COLUMNS,
    STORY_COLUMNS,
    Corpus,
    _day,
    event_query,
)
from .store import Store

ACTOR_ARTICLE_COLUMNS = ("article", "input_id", "title", "outlet", "published", "url", "name", "n_mentions")
COUNT_COLUMNS = ("period", "type", "events", "mentions")
PERIODS = ("week", "month")


def article(store: Store, article_id: int) -> dict[str, Any] | None:
    """A stored article: its listing columns, its text and its whole analysis record."""
    a, s = schema.articles, schema.story_articles
    query = (select(a, a.c.id.label("article"), s.c.story_id.label("story"))
             .outerjoin(s, s.c.article == a.c.id).where(a.c.id == article_id))
    with store.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    found = {key: row[key] for key in ARTICLE_COLUMNS}
    found["text"] = row["text"]
    found["record"] = json.loads(row["record"])
    return found


def quote(store: Store, quote_id: str) -> dict[str, Any] | None:
    """A quote (the same words by the same speaker across articles) with every occurrence."""
    q, links, mentions, articles = schema.quotes, schema.quote_links, schema.quote_mentions, schema.articles
    with store.connect() as conn:
        row = conn.execute(select(q).where(q.c.id == quote_id)).mappings().first()
        if row is None:
            return None
        found = {key: row[key] for key in QUOTE_COLUMNS}
        occurrences = conn.execute(
            select(mentions, articles.c.published, articles.c.outlet, articles.c.url, articles.c.input_id)
            .join(links, and_(links.c.article == mentions.c.article, links.c.quote == mentions.c.quote))
            .join(articles, articles.c.id == mentions.c.article)
            .where(links.c.quote_id == quote_id)
            .order_by(articles.c.published, mentions.c.article, mentions.c.content_start)).mappings()
        found["mentions"] = [{key: m.get(key) for key in QUOTE_MENTION_COLUMNS} for m in occurrences]
    return found


def actor(store: Store, actor_id: str, limit: int = 100) -> dict[str, Any] | None:
    """An actor (one identity across articles) with the articles that name it, latest first."""
    a, mentions, articles = schema.actors, schema.actor_mentions, schema.articles
    with store.connect() as conn:
        row = conn.execute(select(a).where(a.c.id == actor_id)).mappings().first()
    if row is None:
        return None
    found = {key: row[key] for key in ACTOR_COLUMNS}
    found["aliases"] = json.loads(found["aliases"])
    found["in_knowledge"] = bool(found["in_knowledge"])
    query = (select(articles.c.id.label("article"), articles.c.input_id, articles.c.title, articles.c.outlet,
                    articles.c.published, articles.c.url, mentions.c.name, mentions.c.n_mentions)
             .join(articles, articles.c.id == mentions.c.article)
             .where(mentions.c.identity == row["identity"])
             .order_by(articles.c.published.desc(), articles.c.id).limit(limit))
    with store.connect() as conn:
        found["articles"] = [dict(r) for r in conn.execute(query).mappings()]
    return found


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story (near-duplicate articles) with its articles, in the order they were stored."""
    s = schema.stories
    with store.connect() as conn:
        row = conn.execute(select(s).where(s.c.id == story_id)).mappings().first()
    if row is None:
        return None
    found = {key: row[key] for key in STORY_COLUMNS}
    found["outlets"] = json.loads(found["outlets"] or "[]")
    found["articles"] = list(Corpus(store).articles(story=story_id))
    return found


def counts(store: Store, period: str = "month", **filters: Any) -> Iterator[dict[str, Any]]:
    """Events per week or month and type among the events Corpus.events(**filters) lists: the
    dyad counts researchers chart (actor RUS, recipient UKR), counted as events, not reports."""
    if period not in PERIODS:
        raise InputError("by", f"{period!r} is not a period", "give week or month")
    c = schema.events.c
    query = event_query(select(c.date_first, c.first_seen, c.type, c.n_mentions).where(true()), **filters)
    events: Counter = Counter()
    mentions: Counter = Counter()
    with store.connect() as conn:
        for date_first, first_seen, type_, n_mentions in conn.execute(query):
            day = _day(date_first) or _day(first_seen)
            if day is None:
                continue
            if period == "week":
                year, week, _ = day.isocalendar()
                key = (f"{year}-W{week:02d}", type_)
            else:
                key = (day.isoformat()[:7], type_)
            events[key] += 1
            mentions[key] += n_mentions
    for key in sorted(events):
        yield {"period": key[0], "type": key[1], "events": events[key], "mentions": mentions[key]}
