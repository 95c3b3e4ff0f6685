"""The full-text indexes the store keeps for `eventwire search`: an FTS5 table beside the
articles on SQLite, an expression index on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

_SQLITE_DDL = ("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
               "text, content='articles', content_rowid='id')")
_POSTGRES_DDL = ("CREATE INDEX IF NOT EXISTS articles_text_search ON articles "
                 "USING GIN (to_tsvector('english', text))")

def create_index(conn) -> None:
    """Make the search index if the store has none, filling it from the stored articles."""
    if conn.dialect.name == "sqlite":
        exists = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").first()
        if not exists:
            conn.exec_driver_sql(_SQLITE_DDL)
            conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql(_POSTGRES_DDL)


def index_article(conn, article: int, body: str) -> None:
    """Add one article to the index, in the transaction that stores it (PostgreSQL's index
    follows the table by itself)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO articles_fts(rowid, text) VALUES (:id, :text)"), {"id": article, "text": body})
