"""What is derived across articles, rebuilt from the stored rows: stories of near-duplicate
articles (story_groups.py), quotes and actors (quote_actor_groups.py) and, here, events.

Events, not reports: two event mentions are the same event when they have the same type, the
same actor and recipient countries, the same status (asserted, negated or hypothetical: a
denial never merges with the deed), dates within WINDOW_DAYS of each other (a mention dated
only by its article's publication takes that date; one with no day at all stands alone), and a
compatible mode and place (the same, or one of them gives none). Each event counts
its mentions, articles, distinct outlets and independent stories (a syndicated copy counts
once), and keeps a link to every mention.

Everything is rebuilt whole, in one transaction, at the end of every ingest (and after a
migration). An event's id is named after its earliest mention, so it stays the same as the
corpus grows; when new articles join two events into one, the later id is kept as an alias of
the merged event, so no id handed out ever stops resolving.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select

from . import quote_actor_groups, schema, story_groups

WINDOW_DAYS = 2
STATUSES = ("asserted", "negated", "hypothetical")


def aggregate(store) -> dict[str, int]:
    """Rebuild stories, events, quotes and actors from the stored rows, in one transaction;
    how many of each there are now."""
    with store._begin() as conn:
        story_of = story_groups.rebuild(conn)
        counts = _rebuild_events(conn, story_of)
        counts["quotes"] = quote_actor_groups.rebuild_quotes(conn, story_of)
        counts["actors"] = quote_actor_groups.rebuild_actors(conn)
        counts["stories"] = len(set(story_of.values()))
    return counts


def _rebuild_events(conn, story_of: dict[int, str]) -> dict[str, int]:
    mentions, articles = schema.event_mentions, schema.articles
    query = (select(mentions.c.article, mentions.c.event, mentions.c.type, mentions.c.mode,
                    mentions.c.counted, mentions.c.negated, mentions.c.actor_countries,
                    mentions.c.recipient_countries, mentions.c.actor_sectors, mentions.c.recipient_sectors,
                    mentions.c.actor_names, mentions.c.recipient_names, mentions.c.place,
                    mentions.c.place_country, mentions.c.date, mentions.c.trigger_start, mentions.c.trigger_end,
                    mentions.c.sentence_start, mentions.c.sentence_end,
                    articles.c.published, articles.c.outlet, articles.c.text_key, articles.c.url)
             .join(articles, articles.c.id == mentions.c.article))
    rows = [dict(row) for row in conn.execute(query).mappings()]
    old_ids = {row.old_id: row.event_id for row in conn.execute(select(schema.event_aliases))}
    previous = {row.id: (row.first_article, row.first_event) for row in conn.execute(
        select(schema.events.c.id, schema.events.c.first_article, schema.events.c.first_event))}
    clusters = _clusters(rows)
    events, links, firsts = [], [], []
    owner: dict[tuple[int, str], str] = {}
    for cluster in clusters:
        first = min(cluster, key=lambda m: (m["article"], m["trigger_start"]))
        event_id = "ev-" + hashlib.sha1(f"{first['text_key']}:{first['event']}".encode()).hexdigest()[:12]
        days = sorted(m["day"].isoformat() for m in cluster if m["day"] is not None)
        seen = sorted(m["published"] for m in cluster if m["published"])
        outlets = {m["outlet"] or f"article {m['article']}" for m in cluster}
        place = _most_common([(m["place"], m["place_country"]) for m in cluster if m["place"]])
        events.append({
            "id": event_id, "type": first["type"], "status": first["status"],
            "mode": _most_common([m["mode"] for m in cluster if m["mode"]]),
            "actor_countries": first["actor"] or None, "recipient_countries": first["recipient"] or None,
            "actor_sectors": _most_common([m["actor_sectors"] for m in cluster if m["actor_sectors"]]),
            "recipient_sectors": _most_common([m["recipient_sectors"] for m in cluster if m["recipient_sectors"]]),
            "actor_names": _most_common([m["actor_names"] for m in cluster if m["actor_names"]]),
            "recipient_names": _most_common([m["recipient_names"] for m in cluster if m["recipient_names"]]),
            "place": place[0] if place else None,
            "place_country": place[1] if place else _most_common(
                [m["place_country"] for m in cluster if m["place_country"]]),
            "date_first": days[0] if days else None, "date_last": days[-1] if days else None,
            "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None,
            "n_mentions": len(cluster), "n_articles": len({m["article"] for m in cluster}),
            "n_sources": len(outlets),
            "n_independent": len({story_of.get(m["article"], m["article"]) for m in cluster}),
            "first_article": first["article"], "first_event": first["event"],
            "url": first["url"], "trigger": None, "sentence": None,
        })
        firsts.append((events[-1], first))
        for m in cluster:
            links.append({"event_id": event_id, "article": m["article"], "event": m["event"]})
            owner[(m["article"], m["event"])] = event_id
    _add_evidence(conn, firsts)
    # every id handed out before still resolves: to the event its first mention is in now
    new_ids = {e["id"] for e in events}
    aliases = {old: owner.get(first) for old, first in previous.items() if old not in new_ids}
    aliases.update({old: aliases.get(target, target) for old, target in old_ids.items()})
    aliases = {old: target for old, target in aliases.items() if target is not None and old not in new_ids}
    for table in (schema.event_links, schema.event_countries, schema.event_dyads, schema.events,
                  schema.event_aliases):
        conn.execute(table.delete())
    if events:
        conn.execute(schema.events.insert(), events)
        conn.execute(schema.event_links.insert(), links)
        conn.execute(schema.event_countries.insert(), [row for e in events for row in country_rows(e)])
        dyads = [row for e in events for row in dyad_rows(e)]
        if dyads:
            conn.execute(schema.event_dyads.insert(), dyads)
    if aliases:
        conn.execute(schema.event_aliases.insert(), [{"old_id": k, "event_id": v} for k, v in aliases.items()])
    record_longest_event(conn, ((e["date_first"], e["date_last"]) for e in events))
    return {"events": len(events), "event_mentions": len(links)}


LONGEST_EVENT_KEY = "events_longest_days"


def record_longest_event(conn, dates=None) -> None:
    """Keep in the store's meta table the most days any event spans (date_first to date_last):
    an event dated on or after a day then starts no earlier than that day less these days, a
    bound the listings' date-ordered indexes can start from (event_filters.py). `dates`: the
    events' (date_first, date_last), read from the events table when not given."""
    if dates is None:
        c = schema.events.c
        dates = conn.execute(select(c.date_first, c.date_last).where(c.date_first.is_not(None)))
    longest = 0
    for first, last in dates:
        if first and last and first != last:
            longest = max(longest, (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days)
    meta = schema.meta
    conn.execute(meta.delete().where(meta.c.key == LONGEST_EVENT_KEY))
    conn.execute(meta.insert().values(key=LONGEST_EVENT_KEY, value=str(longest)))


def longest_event(conn) -> int | None:
    """The days recorded by record_longest_event; None for a store that has not recorded them."""
    value = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == LONGEST_EVENT_KEY)).scalar()
    return int(value) if value is not None and value.isdigit() else None


def country_rows(event: dict[str, Any]) -> list[dict[str, str]]:
    """An event's rows of event_countries: each code of its actor and of its recipient countries,
    with that side's sectors and the event's dates and first article (its place in the
    listings' order)."""
    return [{"event_id": event["id"], "side": side, "country": code, "sectors": event[f"{side}_sectors"],
             "date_first": event["date_first"], "date_last": event["date_last"],
             "first_article": event["first_article"]}
            for side in ("actor", "recipient") for code in _codes(event[f"{side}_countries"])]


def dyad_rows(event: dict[str, Any]) -> list[dict[str, str]]:
    """An event's rows of event_dyads: each pair of an actor and a recipient country code."""
    return [{"event_id": event["id"], "actor": actor, "recipient": recipient, "date_first": event["date_first"],
             "date_last": event["date_last"], "first_article": event["first_article"]}
            for actor in _codes(event["actor_countries"]) for recipient in _codes(event["recipient_countries"])]


def _codes(codes: str | None) -> list[str]:
    return list(dict.fromkeys((codes or "").split()))


def _add_evidence(conn, firsts: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Each event's trigger and sentence, as its first mention has them: each article's text
    read once and cut here (cutting in the database, once for each mention, took PostgreSQL
    20 s more on 259,000 mentions: it unpacks the whole text for every cut)."""
    wanted: dict[int, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for event, mention in firsts:
        wanted.setdefault(mention["article"], []).append((event, mention))
    ids = sorted(wanted)
    articles = schema.articles
    for start in range(0, len(ids), 500):  # in chunks: a query holds a limited number of values
        query = select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids[start:start + 500]))
        for article, text in conn.execute(query):
            for event, m in wanted[article]:
                event["trigger"] = text[m["trigger_start"]:m["trigger_end"]]
                event["sentence"] = text[m["sentence_start"]:m["sentence_end"]]


def status(counted: bool, negated: bool) -> str:
    """Whether a mention says the event happened, did not, or might (planned, possible, asked)."""
    return "asserted" if counted else "negated" if negated else "hypothetical"


def _clusters(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in rows:
        row["actor"] = " ".join(sorted((row["actor_countries"] or "").split()))
        row["recipient"] = " ".join(sorted((row["recipient_countries"] or "").split()))
        row["day"] = _day(row["date"]) or _day(row["published"])
        row["status"] = status(bool(row["counted"]), bool(row["negated"]))
        key = (row["type"], row["actor"], row["recipient"], row["status"])
        groups.setdefault(key, []).append(row)
    clusters = []
    for members in groups.values():
        dated = sorted((m for m in members if m["day"] is not None), key=lambda m: (m["day"], m["article"]))
        # the clusters still within reach of the next day, each with the mode and country it has
        open_: list[tuple[list[dict[str, Any]], dict[str, str | None]]] = []
        for m in dated:
            still = [(c, known) for c, known in open_ if (m["day"] - c[-1]["day"]).days <= WINDOW_DAYS]
            clusters += [c for c, _ in open_ if all(c is not kept for kept, _ in still)]
            open_ = still
            home = next(((c, known) for c, known in open_ if _compatible(known, m)), None)
            if home is None:
                open_.append(([m], {"mode": m["mode"], "place_country": m["place_country"]}))
            else:
                home[0].append(m)
                for field in ("mode", "place_country"):
                    home[1][field] = home[1][field] or m[field]
        clusters += [c for c, _ in open_]
        clusters += [[m] for m in members if m["day"] is None]  # no day: nothing to match it by
    return clusters


def _compatible(known: dict[str, str | None], mention: dict[str, Any]) -> bool:
    """A mode or place one report gives and another leaves out is no disagreement; two
    different ones are (an arrest is not a raid; Goma is not Gisenyi's country)."""
    return all(known[field] is None or mention[field] is None or known[field] == mention[field]
               for field in ("mode", "place_country"))


def _most_common(values: list) -> Any:
    """The value most members give, the earliest member's on a tie; None when none give one."""
    if not values:
        return None
    counts: dict[Any, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda value: counts[value])  # max keeps the first of equals


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve(store, event_id: str) -> str | None:
    """The id of the event `event_id` is now: itself, or the event it was merged into."""
    with store.engine.connect() as conn:
        if conn.execute(select(schema.events.c.id).where(schema.events.c.id == event_id)).first():
            return event_id
        return conn.execute(select(schema.event_aliases.c.event_id)
                            .where(schema.event_aliases.c.old_id == event_id)).scalar()
