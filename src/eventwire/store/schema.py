"""The corpus store's tables, in SQLAlchemy Core: one schema for SQLite and PostgreSQL.

An article is stored once, keyed by a hash of its normalised text, with its whole record (the
same JSON `eventwire analyze` writes). Its extractions are also rows of their own, each with the
character offsets of its evidence in the stored text, so they can be queried and aggregated
without reading records back. Failures are kept with their reason, for `eventwire failures`.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# The version of these tables. A store written by a newer eventwire is refused, not misread.
STORE_VERSION = 1

metadata = MetaData()

meta = Table(
    "eventwire_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("text_key", String(64), nullable=False, unique=True),  # sha256 of the normalised text
    Column("input_id", Text, nullable=False),  # the id the input gave (a path, a record id)
    Column("origin", Text, nullable=False),  # where it was read: "feeds/a.jsonl:12", "stdin"
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_from", String(16)),
    Column("chars", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # the analysis, as JSON
    Column("ingested_at", String(32), nullable=False),
)

event_mentions = Table(
    "event_mentions", metadata,
    Column("article", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),  # its id within the article's record: "v3"
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("counted", Boolean, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("modality", String(16)),
    Column("actor_countries", Text),  # space-separated codes
    Column("recipient_countries", Text),
    Column("date", String(32)),
    Column("date_source", String(16)),
    Column("place", Text),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("pattern", String(64)),
    Index("event_mentions_type", "type"),
    Index("event_mentions_article", "article"),
)

quote_mentions = Table(
    "quote_mentions", metadata,
    Column("article", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("quote", String(16), nullable=False),
    Column("kind", String(16)),
    Column("speaker", Text),  # the speaker's words in the text
    Column("speaker_entity", String(16)),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Index("quote_mentions_article", "article"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input_id", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("reason", String(32), nullable=False),  # "read", "analysis", "language"
    Column("message", Text, nullable=False),
    Column("at", String(32), nullable=False),
)


# ---- derived from the rows above, rebuilt by store/aggregate.py at any time ----------------

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),  # stable: named after its earliest mention
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("actor_countries", Text),
    Column("recipient_countries", Text),
    Column("date_first", String(32)),
    Column("date_last", String(32)),
    Column("n_mentions", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),  # distinct outlets (an article of no outlet counts as one)
    Column("first_article", Integer, nullable=False),
    Column("first_event", String(16), nullable=False),
    Index("events_type", "type"),
)

event_links = Table(
    "event_links", metadata,
    Column("event_id", String(40), nullable=False),
    Column("article", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Index("event_links_event", "event_id"),
)

# An event merged into another when the corpus grew: its id still leads to the one it joined.
event_aliases = Table(
    "event_aliases", metadata,
    Column("old_id", String(40), primary_key=True),
    Column("event_id", String(40), nullable=False),
)
