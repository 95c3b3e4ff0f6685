"""Questions about a corpus store, as Python: the layer the CLI (and later the HTTP API) share.

    corpus = Corpus(Store.open("eventwire.db"))
    for row in corpus.events(actor="RUS", recipient="UKR", type="ASSAULT", since="2022-02"):
        ...

Parameterised SQL only (SQLAlchemy Core expressions): a filter value is never pasted into SQL.
Today a row is one event mention, with its article; aggregation across articles comes later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy import and_, func, literal, select

from ..errors import InputError
from . import schema
from .store import Store

EVENT_COLUMNS = ("article", "event", "type", "mode", "actor_countries", "recipient_countries", "date",
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
    uncounted: bool = False  # also negated, possible, planned, required events
    limit: int | None = None


class Corpus:
    def __init__(self, store: Store):
        self.store = store

    def events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Event mentions with their article, in article and text order, filtered."""
        wanted = EventFilter(**filters)
        if wanted.limit is not None and wanted.limit < 1:
            raise InputError("limit", f"{wanted.limit} is not a number of rows", "give 1 or more")
        events, articles = schema.event_mentions, schema.articles
        conditions = []
        for column, code in ((events.c.actor_countries, wanted.actor), (events.c.recipient_countries, wanted.recipient)):
            if code:
                # codes are stored space-separated; pad so that "IN" never matches "IND"
                conditions.append((literal(" ") + column + literal(" ")).like(f"% {code.upper()} %"))
        if wanted.type:
            conditions.append(events.c.type == wanted.type.upper())
        if wanted.mode:
            conditions.append(events.c.mode == wanted.mode)
        if wanted.since:
            conditions.append(events.c.date >= wanted.since)
        if wanted.until:
            # "2022-03" includes every day of March: compare as many characters as it has
            conditions.append(func.substr(events.c.date, 1, len(wanted.until)) <= wanted.until)
        if not wanted.uncounted:
            conditions.append(events.c.counted.is_(True))
        text = articles.c.text
        query = (
            select(events.c.article, events.c.event, events.c.type, events.c.mode, events.c.actor_countries,
                   events.c.recipient_countries, events.c.date, events.c.place, events.c.counted,
                   events.c.negated, events.c.modality, events.c.trigger_start, events.c.trigger_end,
                   events.c.sentence_start, events.c.sentence_end, articles.c.published, articles.c.outlet,
                   articles.c.url, articles.c.input_id, text)
            .join(articles, articles.c.id == events.c.article)
            .where(and_(*conditions))
            .order_by(events.c.article, events.c.trigger_start)
        )
        if wanted.limit:
            query = query.limit(wanted.limit)
        with self.store._connect() as conn:
            for row in conn.execute(query).mappings():
                yield _event_row(row)


def _event_row(row) -> dict[str, Any]:
    text = row["text"]
    out = {key: row[key] for key in ("article", "event", "type", "mode", "actor_countries",
                                     "recipient_countries", "date", "place", "counted", "negated",
                                     "modality", "published", "outlet", "url", "input_id")}
    out["counted"], out["negated"] = bool(out["counted"]), bool(out["negated"])
    out["trigger"] = text[row["trigger_start"]:row["trigger_end"]]
    out["sentence"] = text[row["sentence_start"]:row["sentence_end"]]
    return {key: out[key] for key in EVENT_COLUMNS}
