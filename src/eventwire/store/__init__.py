"""The corpus store (SQLite by default, PostgreSQL by URL): articles kept once, with every
extraction and every failure. It knows records, not stages; the ingest shell feeds it."""

from .store import DEFAULT_STORE, Store, store_url, text_key

__all__ = ["DEFAULT_STORE", "Store", "store_url", "text_key"]
