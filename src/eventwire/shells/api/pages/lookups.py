"""The rows a page needs that the query layer lists but does not fetch one by one: an article's
record, an actor or a story by its id, and the stored actors an article's entities belong to.
Parameterised SQLAlchemy Core, like store/corpus.py; nothing here writes."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from ....store import schema
from ....store.corpus import ACTOR_COLUMNS, STORY_COLUMNS, Corpus


def article(corpus: Corpus, article_id: int) -> dict[str, Any] | None:
    """The stored article's columns and its record (the analysis JSON), or None."""
    a = schema.articles.c
    query = select(a.id, a.input_id, a.url, a.outlet, a.title, a.published, a.record).where(a.id == article_id)
    with corpus.store.connect() as conn:
        row = conn.execute(query).mappings().first()
        if row is None:
            return None
        story = conn.execute(select(schema.story_articles.c.story_id)
                             .where(schema.story_articles.c.article == article_id)).scalar()
    found = dict(row)
    found["record"] = json.loads(found["record"])
    found["story"] = story
    return found


def entity_actors(corpus: Corpus, article_id: int) -> dict[str, str]:
    """Entity id in the article's record -> id of the stored actor it is ("e3" -> "ac-...")."""
    m, actors = schema.actor_mentions.c, schema.actors.c
    query = (select(m.entity, actors.id).join(schema.actors, actors.identity == m.identity)
             .where(m.article == article_id))
    with corpus.store.connect() as conn:
        return {entity: actor for entity, actor in conn.execute(query)}


def actor(corpus: Corpus, actor_id: str) -> dict[str, Any] | None:
    query = select(schema.actors).where(schema.actors.c.id == actor_id)
    with corpus.store.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    found = {key: row[key] for key in ACTOR_COLUMNS}
    found["aliases"] = json.loads(found["aliases"] or "[]")
    return found


def story(corpus: Corpus, story_id: str) -> dict[str, Any] | None:
    query = select(schema.stories).where(schema.stories.c.id == story_id)
    with corpus.store.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    found = {key: row[key] for key in STORY_COLUMNS}
    found["outlets"] = json.loads(found["outlets"] or "[]")
    return found


def counts(corpus: Corpus) -> dict[str, int]:
    """How many rows of each kind the store holds (stories: of 2 or more articles)."""
    found = dict(corpus.store.counts())
    with corpus.store.connect() as conn:
        for name, table in (("events", schema.events), ("actors", schema.actors)):
            found[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        found["stories"] = conn.execute(select(func.count()).select_from(schema.stories)
                                        .where(schema.stories.c.n_articles >= 2)).scalar_one()
    return found


def latest_articles(corpus: Corpus, n: int = 10) -> list[dict[str, Any]]:
    a = schema.articles.c
    query = (select(a.id.label("article"), a.input_id, a.title, a.outlet, a.published)
             .order_by(a.id.desc()).limit(n))
    with corpus.store.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]
