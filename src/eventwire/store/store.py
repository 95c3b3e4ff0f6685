"""The corpus store: articles, their records and extractions, and the inputs that failed.

    store = Store.open("eventwire.db")            # or "sqlite:///...", "postgresql://..."
    stored = store.add(record, input_id="a.txt", origin="news/a.txt")   # False: already stored
    store.add_failure("b.html", "news/b.html", "read", "not UTF-8 ...")

Each article goes in with its whole analysis in one transaction, so an ingest killed at any
moment leaves whole articles or none, and the same command again stores the rest. The store
knows records (the JSON `eventwire analyze` writes), not stages or spaCy.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from ..errors import StoreError
from ..settings import DEFAULT_STORE
from . import fulltext, migrate, near_duplicates, rows, schema

_SCHEMES = ("sqlite", "postgresql")
LOCK_WAIT_SECONDS = 10.0  # how long a write waits for another process's to end before saying so


def text_key(text: str) -> str:
    """The key an article is stored under: the same words are the same article, whatever the
    whitespace, Unicode composition or line endings of the copy."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def store_url(where: str | None) -> str:
    """A database URL from what a user typed: a URL, or a path to an SQLite file."""
    where = where or DEFAULT_STORE
    if "://" not in where:
        return f"sqlite:///{Path(where).expanduser()}"
    return where


class Store:
    def __init__(self, engine: Engine, name: str):
        self.engine = engine
        self.name = name
        self.migrated: list[str] = []  # the revisions run when it was opened, if it was older

    @classmethod
    def open(cls, where: str | None = None, create: bool = True) -> Store:
        """Open (and, with `create`, make) the store at a path or URL; StoreError when it is not
        one eventwire can use, naming it and what to do."""
        url = store_url(where)
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreError(where or url, "not a database URL", "give a path to an SQLite file, "
                             "or a URL such as postgresql://user@host/dbname") from None
        name = parsed.render_as_string(hide_password=True)
        if parsed.get_backend_name() not in _SCHEMES:
            raise StoreError(name, f"unknown kind of database {parsed.get_backend_name()!r}",
                             "use an SQLite file (a path, or sqlite:///PATH) or postgresql://...")
        if parsed.get_backend_name() == "sqlite" and parsed.database and not parsed.database.startswith("file:"):
            path = Path(parsed.database)
            if not path.exists() and not create:
                raise StoreError(name, "no such store", "ingest articles into it first")
            if not path.parent.exists():
                raise StoreError(name, f"the folder {path.parent} does not exist", "create it or choose another path")
        try:
            engine = create_engine(url)
        except (NoSuchModuleError, ImportError):
            raise StoreError(name, "no driver for this kind of database is installed",
                             "install eventwire's postgres group (bin/setup postgres)") from None
        if parsed.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, name)
        store._prepare(create)
        return store

    def _prepare(self, create: bool) -> None:
        try:
            tables = set(inspect(self.engine).get_table_names())
            if not tables:
                if not create:
                    raise StoreError(self.name, "the store is empty", "ingest articles first")
                with self.engine.begin() as conn:
                    migrate.upgrade(conn)  # a new store: every revision, from the first
                return
            if schema.meta.name not in tables:
                raise StoreError(self.name, "this database is not an eventwire store (it has other tables)",
                                 "give eventwire a new file or an empty database")
            with self.engine.connect() as conn:
                version = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "store_version")).scalar()
        except DBAPIError as err:
            raise _store_error(self.name, err) from None
        if version is None or not version.isdigit():
            raise StoreError(self.name, "the store has no version", "it is damaged: ingest into a new store")
        if int(version) > schema.STORE_VERSION:
            raise StoreError(self.name, f"written by a newer eventwire (store version {version}, this one "
                             f"reads up to {schema.STORE_VERSION})", "upgrade eventwire to read it")
        if int(version) < schema.STORE_VERSION:
            self._migrate(from_version=int(version), tables=tables)
        from .aggregate import longest_event, record_longest_event

        try:
            with self.engine.begin() as conn:
                fulltext.create_index(conn)  # a store whose search index was lost gets it back
                if longest_event(conn) is None:  # aggregated by an eventwire that did not record it
                    record_longest_event(conn)
        except DBAPIError:
            pass  # a read-only store: it is searched only if it has the index already

    def _migrate(self, from_version: int, tables: set[str]) -> None:
        """Bring a store written by an older eventwire to this one's tables, then rebuild what
        is derived from them; all or nothing."""
        from .aggregate import aggregate

        try:
            with self.engine.begin() as conn:
                self.migrated = migrate.upgrade(conn, stamp_first="alembic_version" not in tables)
        except DBAPIError as err:
            error = _store_error(self.name, err)
            if "read-only" in error.problem:
                raise StoreError(self.name, f"written by an older eventwire (store version {from_version}) and "
                                 "read-only, so it cannot be brought up to date",
                                 "make it writable (eventwire migrates it when it opens it) or copy it") from None
            raise error from None
        aggregate(self)

    def has(self, key: str) -> bool:
        with self.connect() as conn:
            return conn.execute(select(schema.articles.c.id).where(schema.articles.c.text_key == key)).first() is not None

    def add(self, record: dict[str, Any], input_id: str, origin: str) -> bool:
        """Store one analysed article with its extractions, in one transaction. False when an
        article with the same text is already stored (nothing is written then)."""
        meta = record.get("meta") or {}
        text = record["text"]
        row = {
            "text_key": text_key(text), "input_id": input_id, "origin": origin,
            "url": meta.get("url"), "outlet": meta.get("source"),
            "title": meta.get("title") or (record.get("headline") or {}).get("text"),
            "published": record.get("published"), "published_from": meta.get("published_from"),
            "chars": len(text), "text": text, "record": json.dumps(record, ensure_ascii=False),
            **_dateline_columns(record),
            "ingested_at": _now(),
        }
        try:
            with self.engine.begin() as conn:
                article = conn.execute(schema.articles.insert().values(**row)).inserted_primary_key[0]
                fulltext.index_article(conn, article, text)
                for table, made in ((schema.event_mentions, rows.event_rows(article, record)),
                                    (schema.quote_mentions, rows.quote_rows(article, record)),
                                    (schema.actor_mentions, rows.actor_rows(article, record)),
                                    (schema.place_mentions, rows.place_rows(article, record)),
                                    (schema.date_mentions, rows.date_rows(article, record))):
                    if made:
                        conn.execute(table.insert(), made)
                conn.execute(schema.article_signatures.insert().values(
                    article=article, version=near_duplicates.SIGNATURE_VERSION,
                    signature=near_duplicates.signature_to_bytes(near_duplicates.signature(text))))
        except IntegrityError:
            return False  # the same text, stored by this run or an earlier one
        except DBAPIError as err:
            raise _store_error(self.name, err) from None
        return True

    def add_failure(self, input_id: str, origin: str, reason: str, message: str) -> None:
        """Keep an input that failed; the same failure met again (a rerun) is kept once."""
        table = schema.failures
        with self._begin() as conn:
            known = conn.execute(select(table.c.id).where(
                table.c.origin == origin, table.c.reason == reason, table.c.message == message)).first()
            if known is None:
                conn.execute(table.insert().values(input_id=input_id, origin=origin, reason=reason,
                                                   message=message, at=_now()))

    def counts(self) -> dict[str, int]:
        with self.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("articles", schema.articles), ("event_mentions", schema.event_mentions),
                                        ("quote_mentions", schema.quote_mentions), ("failures", schema.failures))}

    def failures(self) -> list[dict[str, Any]]:
        with self.connect() as conn:
            rows = conn.execute(select(schema.failures).order_by(schema.failures.c.id)).mappings().all()
        return [dict(row) for row in rows]

    def connect(self):
        """A connection for reading; StoreError, naming the store, when it cannot be had."""
        try:
            return self.engine.connect()
        except DBAPIError as err:
            raise _store_error(self.name, err) from None

    def _begin(self):
        try:
            return self.engine.begin()
        except DBAPIError as err:
            raise _store_error(self.name, err) from None


def _dateline_columns(record: dict[str, Any]) -> dict[str, Any]:
    place = rows.dateline_place(record)
    if place is None:
        return {}
    return {"place": place.get("name"), "place_country": place.get("country"), "place_from": "dateline"}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_SECONDS * 1000)}")  # another process writing: wait, then say so
    # A write-ahead log, synced at checkpoints rather than at every article: each article is
    # still all or nothing, whenever the process dies; only a crash of the machine itself can
    # lose the last few, which the next ingest then stores again.
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError:  # a read-only store cannot change its journal: it is only read then
        pass
    cursor.close()


def _store_error(name: str, err: DBAPIError) -> StoreError:
    message = str(err.orig) if err.orig is not None else str(err)
    lowered = message.lower()
    if "file is not a database" in lowered or "malformed" in lowered:
        return StoreError(name, "not an SQLite database, or a damaged one", "give eventwire a new file")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(name, "the store is read-only", "make it writable or ingest into another store")
    if "locked" in lowered:
        return StoreError(name, "the store is locked by another process", "wait for it to finish and run again")
    if "disk is full" in lowered or "no space" in lowered:
        return StoreError(name, "the disk is full; what was stored before is intact", "free space and run again")
    if isinstance(err, OperationalError) and ("connect" in lowered or "could not translate" in lowered):
        return StoreError(name, "cannot reach the database server", "check the URL and that the server runs")
    return StoreError(name, message.splitlines()[0], "check the store, or ingest into a new one")
