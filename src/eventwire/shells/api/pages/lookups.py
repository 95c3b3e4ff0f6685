"""What only the pages ask of a store (an article, an actor or a story by its id come from
store/lookup.py, as for the API): the stored actors and events an article's entities and events belong to, the counts
on the start page, the latest articles. Parameterised SQLAlchemy Core; nothing here writes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ....store import schema
from ....store.corpus import Corpus


def entity_actors(corpus: Corpus, article_id: int) -> dict[str, str]:
    """Entity id in the article's record -> id of the stored actor it is ("e3" -> "ac-...")."""
    m, actors = schema.actor_mentions.c, schema.actors.c
    query = (select(m.entity, actors.id).join(schema.actors, actors.identity == m.identity)
             .where(m.article == article_id))
    with corpus.store.connect() as conn:
        return {entity: actor for entity, actor in conn.execute(query)}






def article_events(corpus: Corpus, article_id: int) -> dict[str, str]:
    """Event id in the article's record -> id of the stored event it is part of ("v1" -> "ev-...")."""
    links = schema.event_links.c
    query = select(links.event, links.event_id).where(links.article == article_id)
    with corpus.store.connect() as conn:
        return {event: event_id for event, event_id in conn.execute(query)}


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
