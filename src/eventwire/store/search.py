"""Full-text search over the stored articles: FTS5 on SQLite, a tsvector index on PostgreSQL
(the indexes: fulltext.py).
Words are searched as words (a query is never SQL, nor FTS syntax), best matches first, each
with a snippet of the text around them."""

from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import text

from ..errors import InputError
from .store import Store

SEARCH_COLUMNS = ("article", "input_id", "published", "outlet", "url", "title", "snippet")


def search(store: Store, words: str, limit: int = 20) -> Iterator[dict[str, Any]]:
    terms = words.split()
    if not terms:
        raise InputError("search", "no words to search for", "give one or more words")
    if limit < 1:
        raise InputError("limit", f"{limit} is not a number of rows", "give 1 or more")
    with store.connect() as conn:
        if conn.dialect.name == "sqlite":
            # every word quoted: FTS5's own syntax (AND, NEAR, *, -) is not the user's to reach
            query = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
            rows = conn.execute(text(
                "SELECT a.id AS article, a.input_id, a.published, a.outlet, a.url, a.title, "
                "snippet(articles_fts, 0, '[', ']', '…', 16) AS snippet "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH :query ORDER BY rank LIMIT :limit"), {"query": query, "limit": limit})
        else:
            rows = conn.execute(text(
                "SELECT id AS article, input_id, published, outlet, url, title, "
                "ts_headline('english', text, plainto_tsquery('english', :query), "
                "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet "
                "FROM articles WHERE to_tsvector('english', text) @@ plainto_tsquery('english', :query) "
                "ORDER BY ts_rank(to_tsvector('english', text), plainto_tsquery('english', :query)) DESC, id "
                "LIMIT :limit"), {"query": " ".join(terms), "limit": limit})
        for row in rows.mappings():
            out = dict(row)
            out["snippet"] = " ".join((out["snippet"] or "").split())
            yield {key: out.get(key) for key in SEARCH_COLUMNS}
