"""Stories: near-duplicate articles (a wire copy run by many outlets, an updated version, a
truncated copy) grouped together, with the outlets that ran them.

Each article's MinHash signature is kept beside it (computed when it is stored; recomputed here
for an article that has none or one of an older version); store/near_duplicates.py groups them.
A story's id is named after its earliest article, so it stays as the corpus grows. Every article
is in exactly one story, most in a story of one.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from . import near_duplicates, schema


def rebuild(conn) -> dict[int, str]:
    """Rebuild the stories on `conn` (in its transaction); each article's story id."""
    signatures = _signatures(conn)
    articles = schema.articles
    info = {row.id: row for row in conn.execute(
        select(articles.c.id, articles.c.text_key, articles.c.outlet, articles.c.title, articles.c.published))}
    story_of: dict[int, str] = {}
    stories, links = [], []
    for group in near_duplicates.stories(signatures):
        members = [info[article] for article in group]
        first = min(members, key=lambda row: row.id)
        story_id = "st-" + hashlib.sha1(first.text_key.encode()).hexdigest()[:12]
        outlets = sorted({row.outlet for row in members if row.outlet})
        days = sorted(row.published for row in members if row.published)
        stories.append({
            "id": story_id, "n_articles": len(members),
            "n_sources": len({row.outlet or f"article {row.id}" for row in members}),
            "outlets": json.dumps(outlets, ensure_ascii=False), "title": first.title,
            "first_article": first.id, "first_seen": days[0] if days else None,
            "last_seen": days[-1] if days else None,
        })
        for row in members:
            story_of[row.id] = story_id
            links.append({"article": row.id, "story_id": story_id})
    conn.execute(schema.story_articles.delete())
    conn.execute(schema.stories.delete())
    if stories:
        conn.execute(schema.stories.insert(), stories)
        conn.execute(schema.story_articles.insert(), links)
    return story_of


def _signatures(conn) -> dict[int, near_duplicates.Signature]:
    """Every article's signature, computing the missing, outdated and unreadable ones (and
    keeping them)."""
    table, articles = schema.article_signatures, schema.articles
    current = near_duplicates.SIGNATURE_VERSION
    signatures = {}
    for row in conn.execute(select(table.c.article, table.c.signature).where(table.c.version == current)):
        try:
            signatures[row.article] = near_duplicates.signature_from_bytes(row.signature)
        except ValueError:
            pass  # damaged: made again from the text below
    made = []
    # the texts of the articles without one, read one at a time (after a migration, that is all)
    for article in [row.id for row in conn.execute(select(articles.c.id)) if row.id not in signatures]:
        text = conn.execute(select(articles.c.text).where(articles.c.id == article)).scalar_one()
        signatures[article] = near_duplicates.signature(text)
        made.append({"article": article, "version": current,
                     "signature": near_duplicates.signature_to_bytes(signatures[article])})
    for start in range(0, len(made), 500):  # in chunks: a query holds a limited number of values
        chunk = made[start:start + 500]
        conn.execute(table.delete().where(table.c.article.in_([m["article"] for m in chunk])))
        conn.execute(table.insert(), chunk)
    return signatures
