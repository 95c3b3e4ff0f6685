"""The store in the formats researchers' tools read: events as POLECAT's 40-column TSV and
PLOVER JSON Lines, GDELT-style mention rows, and Quotebank-style quotes. One row per event
(mentions counted once; events said not to have happened, or only planned, are left out),
filled from the event's first mention and its article's record; docs/corpus.md lists each
column's source and what cannot be filled. (Events, quotes, actors, stories and articles as
CSV, TSV, JSON Lines or Parquet are the Corpus listings, written by render/rows.py.)
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from sqlalchemy import and_, func, select

from .. import __version__
from . import schema
from .corpus import event_order, event_query
from .store import Store

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)
MENTION_EXPORT_COLUMNS = ("event_id", "article", "mention", "input_id", "url", "outlet", "published",
                          "type", "trigger", "trigger_start", "trigger_end", "sentence", "sentence_start",
                          "sentence_end")


def _first_mentions(store: Store, filters: dict[str, Any] | None = None) -> Iterator[tuple[dict, dict, dict]]:
    """(event row, its first mention's event in the record, the record) for every event, or
    for the events Corpus.events(**filters) lists, in its order."""
    events, articles = schema.events, schema.articles
    query = (select(events, articles.c.record, articles.c.outlet, articles.c.published)
             .join(articles, articles.c.id == events.c.first_article)
             .order_by(*event_order((filters or {}).get("sort", "date"))))
    query = event_query(query, **(filters or {}))
    with store.connect() as conn:
        for row in conn.execute(query).mappings():
            record = json.loads(row["record"])
            mention = next(e for e in record.get("events") or [] if e["id"] == row["first_event"])
            yield dict(row), mention, record


def polecat_rows(store: Store, filters: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    for event, mention, record in _first_mentions(store, filters):
        entities = {e["id"]: e for e in record.get("entities") or []}
        place = mention.get("place") or {}
        row = {
            "Event ID": event["id"], "Event Date": event["date_first"], "Event Type": event["type"],
            "Event Mode": event["mode"], "Intensity": mention.get("intensity"),
            "Quad Code": (mention.get("quad") or "").upper() or None, "Contexts": _join(mention.get("context")),
            "Placename": place.get("name"), "Country": place.get("country"), "Latitude": place.get("lat"),
            "Longitude": place.get("lon"), "GeoNames ID": place.get("geonameid"),
            "Raw Placename": (place.get("span") or {}).get("text"), "Feature Type": place.get("feature"),
            "City": place.get("name") if place.get("feature") == "city" else None,
            "Source": event["outlet"], "Publication Date": event["published"],
            "Story People": _join(e["name"] for e in entities.values() if e["type"] == "PERSON"),
            "Story Organizations": _join(e["name"] for e in entities.values() if e["type"] == "ORG"),
            "Story Locations": _join(e["name"] for e in entities.values() if e["type"] in ("GPE", "LOC", "FAC")),
            "Language": "en", "Version": f"eventwire-{__version__}",
        }
        for side, role in (("Actor", mention.get("actor")), ("Recipient", mention.get("recipient"))):
            role = role or {}
            named = [entities[i] for i in role.get("entities") or [] if i in entities]
            sectors = role.get("sectors") or []
            row.update({
                f"{side} Name": _join(e["name"] for e in named), f"{side} Country": _join(role.get("countries")),
                f"Primary {side} Sector": sectors[0] if sectors else None, f"{side} Sectors": _join(sectors),
                f"{side} Title": _join(e.get("title") for e in named),
                f"{side} Name Raw": (role.get("span") or {}).get("text"),
            })
        yield {column: row.get(column) for column in POLECAT_COLUMNS}


def plover_rows(store: Store, filters: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """PLOVER's standard JSON (one event a line), with the store's counts beside it."""
    for event, mention, record in _first_mentions(store, filters):
        meta = record.get("meta") or {}
        yield {
            "id": event["id"], "date": event["date_first"], "enddate": event["date_last"],
            "event": [event["type"]], "mode": [event["mode"]] if event["mode"] else [],
            "context": mention.get("context") or [],
            "actor": _plover_entity(mention.get("actor"), record),
            "recipient": _plover_entity(mention.get("recipient"), record),
            "quad_code": mention.get("quad"), "event_text": mention["sentence"]["text"],
            "event_loc": mention.get("place"), "link": event["id"],
            "text_info": {"start": mention["sentence"]["start"], "end": mention["sentence"]["end"]},
            "cite_info": {"url": meta.get("url"), "title": meta.get("title"), "publication": event["outlet"],
                          "language": "en", "coder": "eventwire", "version": __version__},
            "n_mentions": event["n_mentions"], "n_articles": event["n_articles"], "n_sources": event["n_sources"],
        }


def mention_rows(store: Store) -> Iterator[dict[str, Any]]:
    """GDELT's mentions table in spirit: each report of each event, with where it is in which article."""
    links, mentions, articles = schema.event_links, schema.event_mentions, schema.articles
    c, text = mentions.c, articles.c.text
    query = (select(links.c.event_id, mentions, articles.c.input_id, articles.c.url, articles.c.outlet,
                    articles.c.published,
                    func.substr(text, c.trigger_start + 1, c.trigger_end - c.trigger_start).label("trigger"),
                    func.substr(text, c.sentence_start + 1, c.sentence_end - c.sentence_start).label("sentence"))
             .join(mentions, and_(c.article == links.c.article, c.event == links.c.event))
             .join(articles, articles.c.id == links.c.article)
             .order_by(links.c.event_id, links.c.article, c.trigger_start))
    with store.connect() as conn:
        for row in conn.execute(query).mappings():
            yield {key: row["event"] if key == "mention" else row[key] for key in MENTION_EXPORT_COLUMNS}


def quotebank_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Quotes as Quotebank's quotation-centric JSON Lines: each quotation once, with its speaker,
    earliest date, number of occurrences and the URLs that ran it. Quotebank's Wikidata ids
    (qids) and speaker probabilities are not ours to give: qids is empty and the one speaker
    eventwire chose is given with no probability. eventwire's own counts follow."""
    quotes, links, articles = schema.quotes, schema.quote_links, schema.articles
    query = (select(quotes, links.c.article, articles.c.url, articles.c.input_id, articles.c.outlet)
             .join(links, links.c.quote_id == quotes.c.id)
             .join(articles, articles.c.id == links.c.article)
             .order_by(quotes.c.first_seen, quotes.c.id, links.c.article))
    current: dict[str, Any] | None = None
    with store.connect() as conn:
        for row in conn.execute(query).mappings():
            if current is None or current["quoteID"] != row["id"]:
                if current is not None:
                    yield current
                current = {
                    "quoteID": row["id"], "quotation": row["content"], "speaker": row["speaker"] or "None",
                    "qids": [], "date": f"{row['first_seen']} 00:00:00" if row["first_seen"] else None,
                    "numOccurrences": row["n_occurrences"],
                    "probas": [[row["speaker"] or "None", None]], "urls": [], "phase": "eventwire",
                    "n_articles": row["n_articles"], "n_sources": row["n_sources"],
                    "n_independent": row["n_independent"], "outlets": [],
                }
            where = row["url"] or row["input_id"]
            if where not in current["urls"]:
                current["urls"].append(where)
            if row["outlet"] and row["outlet"] not in current["outlets"]:
                current["outlets"].append(row["outlet"])
    if current is not None:
        yield current


def _plover_entity(role: dict | None, record: dict) -> dict[str, Any] | None:
    if not role:
        return None
    entities = {e["id"]: e for e in record.get("entities") or []}
    named = [entities[i] for i in role.get("entities") or [] if i in entities]
    return {"code": _join(role.get("countries")), "sector": _join(role.get("sectors")),
            "entity_text": (role.get("span") or {}).get("text"),
            "office": _join(e.get("title") for e in named)}


def _join(values) -> str | None:
    """POLECAT's multi-valued cells: joined with "; ", empty when there is nothing."""
    items = [str(v) for v in (values or []) if v]
    return "; ".join(dict.fromkeys(items)) or None
