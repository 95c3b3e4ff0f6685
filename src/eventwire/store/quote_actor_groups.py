"""Quotes and actors across articles, derived from their mentions.

A quote (as Quotebank counts them): the same words by the same speaker, wherever they appear —
one row with its occurrences, articles, outlets, independent stories and first and last
publication dates, linked to every occurrence. Words are compared after case, punctuation and
spacing are set aside (’ and ', "—" and "-"), and the speaker by the entity's name when the
article resolved one ("he" said it, and he is William Ruto), else by the words naming them.

An actor: one per identity (store/rows.actor_identity — a knowledge-base identity, or a name
the knowledge base does not hold), with every name it went by, in how many articles and
mentions it appears, and when it was first and last seen.

Both ids are hashes of what makes the thing itself, so they are the same in every rebuild.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict

from sqlalchemy import select

from . import schema

_NOT_WORD = re.compile(r"[\W_]+")


def rebuild_quotes(conn, story_of: dict[int, str]) -> int:
    mentions, articles = schema.quote_mentions, schema.articles
    query = (select(mentions.c.article, mentions.c.quote, mentions.c.speaker, mentions.c.speaker_name,
                    mentions.c.content, articles.c.outlet, articles.c.published)
             .join(articles, articles.c.id == mentions.c.article)
             .order_by(mentions.c.article, mentions.c.content_start))
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for row in conn.execute(query):
        words = quote_words(row.content)
        if words:
            groups[(_speaker_key(row.speaker_name or row.speaker), words)].append(row)
    quotes, links = [], []
    for key, members in groups.items():
        first = members[0]
        quote_id = "qt-" + hashlib.sha1("\x1f".join(key).encode()).hexdigest()[:12]
        days = sorted(m.published for m in members if m.published)
        quotes.append({
            "id": quote_id, "speaker": first.speaker_name or first.speaker, "content": first.content,
            "n_occurrences": len(members), "n_articles": len({m.article for m in members}),
            "n_sources": len({m.outlet or f"article {m.article}" for m in members}),
            "n_independent": len({story_of.get(m.article, m.article) for m in members}),
            "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None,
            "first_article": first.article, "first_quote": first.quote,
        })
        links += [{"quote_id": quote_id, "article": m.article, "quote": m.quote} for m in members]
    conn.execute(schema.quote_links.delete())
    conn.execute(schema.quotes.delete())
    if quotes:
        conn.execute(schema.quotes.insert(), quotes)
        conn.execute(schema.quote_links.insert(), links)
    return len(quotes)


def rebuild_actors(conn) -> int:
    mentions, articles = schema.actor_mentions, schema.articles
    query = (select(mentions.c.article, mentions.c.identity, mentions.c.name, mentions.c.type, mentions.c.country,
                    mentions.c.sectors, mentions.c.in_knowledge, mentions.c.forms, mentions.c.n_mentions,
                    articles.c.outlet, articles.c.published)
             .join(articles, articles.c.id == mentions.c.article)
             .order_by(mentions.c.article))
    groups: dict[str, list] = defaultdict(list)
    for row in conn.execute(query):
        groups[row.identity].append(row)
    actors = []
    for identity, members in groups.items():
        # what most of its articles say it is: a country or sector can differ by date or slip
        country = _most_common(m.country for m in members)
        sectors = _most_common(m.sectors for m in members)
        names = Counter(m.name for m in members)
        aliases = sorted({form for m in members for form in json.loads(m.forms)})
        days = sorted(m.published for m in members if m.published)
        actors.append({
            "id": "ac-" + hashlib.sha1(identity.encode()).hexdigest()[:12], "identity": identity,
            "name": names.most_common(1)[0][0], "type": members[0].type, "country": country, "sectors": sectors,
            "in_knowledge": any(m.in_knowledge for m in members),
            "aliases": json.dumps(aliases, ensure_ascii=False),
            "n_articles": len({m.article for m in members}), "n_mentions": sum(m.n_mentions for m in members),
            "n_sources": len({m.outlet or f"article {m.article}" for m in members}),
            "first_seen": days[0] if days else None, "last_seen": days[-1] if days else None,
        })
    conn.execute(schema.actors.delete())
    if actors:
        conn.execute(schema.actors.insert(), actors)
    return len(actors)


def quote_words(content: str) -> str:
    """A quote's words, for comparing: case, punctuation and spacing set aside."""
    folded = unicodedata.normalize("NFKC", content).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def _speaker_key(speaker: str | None) -> str:
    return " ".join((speaker or "").split()).casefold()


def _most_common(values) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None
