"""Questions about a corpus store, as Python: the layer the CLI (and later the HTTP API) share.

    corpus = Corpus(Store.open("eventwire.db"))
    for row in corpus.events(actor="RUS", recipient="UKR", type="ASSAULT", since="2022-02"):
        ...                                   # events: mentions of one happening counted once
    corpus.mentions(actor="RUS")              # every report of an event, with its article
    corpus.event("ev-1a2b3c4d5e6f")           # one event and its mentions (a merged-away id too)

Parameterised SQL only (SQLAlchemy Core expressions): a filter value is never pasted into SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy import and_, func, literal, select, true

from ..errors import InputError
from . import schema
from .store import Store

EVENT_COLUMNS = ("id", "type", "mode", "actor_countries", "recipient_countries", "date_first", "date_last",
                 "n_mentions", "n_articles", "n_sources", "trigger", "sentence", "url")
QUOTE_COLUMNS = ("article", "quote", "kind", "speaker", "speaker_name", "content", "published", "outlet", "url",
                 "input_id")
MENTION_COLUMNS = ("article", "event", "type", "mode", "actor_countries", "recipient_countries", "date",
                 "place", "counted", "negated", "modality", "trigger", "sentence", "published", "outlet",
                 "url", "input_id")


@dataclass
class EventFilter:
    actor: str | None = None  # a country code among the actor's
    recipient: str | None = None
    type: str | None = None
    mode: str | None = None
    since: str | None = None  # a date or its prefix: "2022", "2022-03", "2022-03-01"
    until: str | None = None
    uncounted: bool = False  # also negated, possible, planned, required events (mentions only)
    min_sources: int | None = None  # events reported by at least this many outlets (events only)
    id: str | None = None  # one event (events), or the mentions of one event (mentions)
    limit: int | None = None


class Corpus:
    def __init__(self, store: Store):
        self.store = store

    def events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Events (mentions of one happening counted once), earliest first, filtered; each with
        its first mention's trigger and sentence."""
        wanted = _checked(EventFilter(**filters))
        events, mentions, articles = schema.events, schema.event_mentions, schema.articles
        conditions = _conditions(wanted, events.c.actor_countries, events.c.recipient_countries, events.c.type,
                                 events.c.mode, events.c.date_first, events.c.date_last)
        if wanted.min_sources:
            conditions.append(events.c.n_sources >= wanted.min_sources)
        if wanted.id:
            conditions.append(events.c.id == wanted.id)
        query = (
            select(events, mentions.c.trigger_start, mentions.c.trigger_end, mentions.c.sentence_start,
                   mentions.c.sentence_end, articles.c.text, articles.c.url)
            .join(mentions, and_(mentions.c.article == events.c.first_article, mentions.c.event == events.c.first_event))
            .join(articles, articles.c.id == events.c.first_article)
            .where(and_(true(), *conditions))
            .order_by(events.c.date_first, events.c.first_article, events.c.id)
        )
        if wanted.limit:
            query = query.limit(wanted.limit)
        with self.store.connect() as conn:
            for row in conn.execute(query).mappings():
                out = {key: row[key] for key in EVENT_COLUMNS if key in row}
                out["trigger"] = row["text"][row["trigger_start"]:row["trigger_end"]]
                out["sentence"] = row["text"][row["sentence_start"]:row["sentence_end"]]
                yield {key: out.get(key) for key in EVENT_COLUMNS}

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every mention of it; an id merged into another event leads there."""
        from .aggregate import resolve

        current = resolve(self.store, event_id)
        if current is None:
            return None
        event = next(self.events(id=current), None)
        if event is not None:
            event["mentions"] = list(self.mentions(id=current))
        return event

    def mentions(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Event mentions (every report) with their article, in article and text order, filtered."""
        wanted = _checked(EventFilter(**filters))
        events, articles = schema.event_mentions, schema.articles
        conditions = _conditions(wanted, events.c.actor_countries, events.c.recipient_countries, events.c.type,
                                 events.c.mode, events.c.date, events.c.date)
        if not wanted.uncounted:
            conditions.append(events.c.counted.is_(True))
        if wanted.id:
            links = schema.event_links
            conditions.append(select(links.c.event_id).where(
                links.c.event_id == wanted.id, links.c.article == events.c.article,
                links.c.event == events.c.event).exists())
        text = articles.c.text
        query = (
            select(events.c.article, events.c.event, events.c.type, events.c.mode, events.c.actor_countries,
                   events.c.recipient_countries, events.c.date, events.c.place, events.c.counted,
                   events.c.negated, events.c.modality, events.c.trigger_start, events.c.trigger_end,
                   events.c.sentence_start, events.c.sentence_end, articles.c.published, articles.c.outlet,
                   articles.c.url, articles.c.input_id, text)
            .join(articles, articles.c.id == events.c.article)
            .where(and_(true(), *conditions))
            .order_by(events.c.article, events.c.trigger_start)
        )
        if wanted.limit:
            query = query.limit(wanted.limit)
        with self.store.connect() as conn:
            for row in conn.execute(query).mappings():
                yield _event_row(row)


def quotes(store: Store, speaker: str | None = None, words: str | None = None,
           limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Quotes in article and text order: `speaker` matches the words naming the speaker in the
    text or the speaker's entity name; `words`, the quoted words (case-insensitive)."""
    if limit is not None and limit < 1:
        raise InputError("limit", f"{limit} is not a number of rows", "give 1 or more")
    quotes_, articles = schema.quote_mentions, schema.articles
    conditions = []
    if words:
        conditions.append(func.lower(quotes_.c.content).contains(words.lower(), autoescape=True))
    query = (select(quotes_, articles.c.published, articles.c.outlet, articles.c.url, articles.c.input_id,
                    articles.c.record)
             .join(articles, articles.c.id == quotes_.c.article)
             .where(and_(true(), *conditions))
             .order_by(quotes_.c.article, quotes_.c.content_start))
    count = 0
    with store.connect() as conn:
        names: dict[int, dict[str, str]] = {}
        for row in conn.execute(query).mappings():
            if row["article"] not in names:  # the record names each entity once
                record = json.loads(row["record"])
                names[row["article"]] = {e["id"]: e["name"] for e in record.get("entities") or []}
            out = {key: row[key] for key in QUOTE_COLUMNS if key in row}
            out["speaker_name"] = names[row["article"]].get(row["speaker_entity"])
            if speaker and not any(speaker.lower() in (value or "").lower()
                                   for value in (out["speaker"], out["speaker_name"])):
                continue
            yield {key: out.get(key) for key in QUOTE_COLUMNS}
            count += 1
            if limit and count >= limit:
                return


def _checked(wanted: EventFilter) -> EventFilter:
    for name in ("limit", "min_sources"):
        value = getattr(wanted, name)
        if value is not None and value < 1:
            raise InputError(name.replace("_", " "), f"{value} is not a number of rows or sources", "give 1 or more")
    return wanted


def _conditions(wanted: EventFilter, actor, recipient, type_, mode, first, last) -> list:
    conditions = []
    for column, code in ((actor, wanted.actor), (recipient, wanted.recipient)):
        if code:
            # codes are stored space-separated; pad so that "IN" never matches "IND"
            conditions.append((literal(" ") + column + literal(" ")).like(f"% {code.upper()} %"))
    if wanted.type:
        conditions.append(type_ == wanted.type.upper())
    if wanted.mode:
        conditions.append(mode == wanted.mode)
    if wanted.since:
        conditions.append(last >= wanted.since)
    if wanted.until:
        # "2022-03" includes every day of March: compare as many characters as it has
        conditions.append(func.substr(first, 1, len(wanted.until)) <= wanted.until)
    return conditions


def _event_row(row) -> dict[str, Any]:
    text = row["text"]
    out = {key: row[key] for key in ("article", "event", "type", "mode", "actor_countries",
                                     "recipient_countries", "date", "place", "counted", "negated",
                                     "modality", "published", "outlet", "url", "input_id")}
    out["counted"], out["negated"] = bool(out["counted"]), bool(out["negated"])
    out["trigger"] = text[row["trigger_start"]:row["trigger_end"]]
    out["sentence"] = text[row["sentence_start"]:row["sentence_end"]]
    return {key: out[key] for key in MENTION_COLUMNS}
