"""Events, not reports: event mentions of the same happening, across articles, as one event.

Two mentions are the same event when they have the same type and mode, the same actor and
recipient countries, and dates within WINDOW_DAYS of each other (a mention dated only by its
article's publication takes that date; one with no day at all stands alone). Each event counts
its mentions, articles and distinct outlets, and keeps a link to every mention.

Everything here is derived from the stored mentions and rebuilt whole, in one transaction, at
the end of every ingest. An event's id is named after its earliest mention, so it stays the same
as the corpus grows; when new articles join two events into one, the later id is kept as an
alias of the merged event, so no id handed out ever stops resolving.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select

from . import schema
from .store import Store

WINDOW_DAYS = 2


def aggregate(store: Store) -> dict[str, int]:
    """Rebuild the events from the mentions; counts of events and mentions linked."""
    mentions, articles = schema.event_mentions, schema.articles
    query = (select(mentions.c.article, mentions.c.event, mentions.c.type, mentions.c.mode,
                    mentions.c.actor_countries, mentions.c.recipient_countries, mentions.c.date,
                    mentions.c.trigger_start, articles.c.published, articles.c.outlet, articles.c.text_key)
             .join(articles, articles.c.id == mentions.c.article)
             .where(mentions.c.counted.is_(True)))
    with store.engine.begin() as conn:
        rows = [dict(row) for row in conn.execute(query).mappings()]
        old_ids = {row.old_id: row.event_id for row in conn.execute(select(schema.event_aliases))}
        previous = {row.id: (row.first_article, row.first_event) for row in conn.execute(
            select(schema.events.c.id, schema.events.c.first_article, schema.events.c.first_event))}
        clusters = _clusters(rows)
        events, links = [], []
        owner: dict[tuple[int, str], str] = {}
        for cluster in clusters:
            first = min(cluster, key=lambda m: (m["article"], m["trigger_start"]))
            event_id = "ev-" + hashlib.sha1(f"{first['text_key']}:{first['event']}".encode()).hexdigest()[:12]
            days = sorted(m["day"].isoformat() for m in cluster if m["day"] is not None)
            outlets = {m["outlet"] or f"article {m['article']}" for m in cluster}
            events.append({
                "id": event_id, "type": first["type"], "mode": first["mode"],
                "actor_countries": first["actor"] or None, "recipient_countries": first["recipient"] or None,
                "date_first": days[0] if days else None, "date_last": days[-1] if days else None,
                "n_mentions": len(cluster), "n_articles": len({m["article"] for m in cluster}),
                "n_sources": len(outlets), "first_article": first["article"], "first_event": first["event"],
            })
            for m in cluster:
                links.append({"event_id": event_id, "article": m["article"], "event": m["event"]})
                owner[(m["article"], m["event"])] = event_id
        # every id handed out before still resolves: to the event its first mention is in now
        new_ids = {e["id"] for e in events}
        aliases = {old: owner.get(first) for old, first in previous.items() if old not in new_ids}
        aliases.update({old: aliases.get(target, target) for old, target in old_ids.items()})
        aliases = {old: target for old, target in aliases.items() if target is not None and old not in new_ids}
        for table in (schema.event_links, schema.events, schema.event_aliases):
            conn.execute(table.delete())
        if events:
            conn.execute(schema.events.insert(), events)
            conn.execute(schema.event_links.insert(), links)
        if aliases:
            conn.execute(schema.event_aliases.insert(), [{"old_id": k, "event_id": v} for k, v in aliases.items()])
    return {"events": len(events), "mentions": len(links)}


def _clusters(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        row["actor"] = " ".join(sorted((row["actor_countries"] or "").split()))
        row["recipient"] = " ".join(sorted((row["recipient_countries"] or "").split()))
        row["day"] = _day(row["date"]) or _day(row["published"])
        key = (row["type"], row["mode"] or "", row["actor"], row["recipient"])
        groups.setdefault(key, []).append(row)
    clusters = []
    for members in groups.values():
        dated = sorted((m for m in members if m["day"] is not None), key=lambda m: (m["day"], m["article"]))
        current: list[dict[str, Any]] = []
        for m in dated:
            if current and (m["day"] - current[-1]["day"]).days > WINDOW_DAYS:
                clusters.append(current)
                current = []
            current.append(m)
        if current:
            clusters.append(current)
        clusters += [[m] for m in members if m["day"] is None]  # no day: nothing to match it by
    return clusters


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve(store: Store, event_id: str) -> str | None:
    """The id of the event `event_id` is now: itself, or the event it was merged into."""
    with store.engine.connect() as conn:
        if conn.execute(select(schema.events.c.id).where(schema.events.c.id == event_id)).first():
            return event_id
        return conn.execute(select(schema.event_aliases.c.event_id)
                            .where(schema.event_aliases.c.old_id == event_id)).scalar()
