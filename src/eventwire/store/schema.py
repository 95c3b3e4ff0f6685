"""The corpus store's tables, in SQLAlchemy Core: one schema for SQLite and PostgreSQL.

An article is stored once, keyed by a hash of its normalised text, with its whole record (the
same JSON `eventwire analyze` writes). Its extractions are also rows of their own (events,
quotes, actors, places, dates), each with the character offsets of its evidence in the stored
text, so they can be queried and aggregated without reading records back. Failures are kept
with their reason, for `eventwire failures`.

The second half holds what is derived from those rows and rebuilt by store/aggregate.py at any
time: stories of near-duplicate articles, events, quotes and actors across articles.

These are the tables as they are now; a store written by an older eventwire is brought to them
by the migrations in store/migrations/ (Alembic), and tests/test_migrations.py checks that the
migrations and this file describe the same tables.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

# The version of these tables. A store written by a newer eventwire is refused, not misread.
STORE_VERSION = 4

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
    # since store version 2: where it was written from, when the input does not say: its dateline
    Column("place", Text),
    Column("place_country", String(8)),
    Column("place_from", String(16)),  # "dateline"
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
    # since store version 2
    Column("hypothetical", Boolean),
    Column("actor_sectors", Text),  # space-separated codes
    Column("recipient_sectors", Text),
    Column("actor_names", Text),  # the entities' names, "; "-separated, else the words in the text
    Column("recipient_names", Text),
    Column("place_country", String(8)),
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
    Column("speaker_name", Text),  # since version 2: the speaker entity's name ("William Ruto" for "he")
    Index("quote_mentions_article", "article"),
)

# since store version 2: the people, organisations and places an article names (its entities)
actor_mentions = Table(
    "actor_mentions", metadata,
    Column("article", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity", String(16), nullable=False),  # its id within the article's record: "e3"
    Column("identity", Text, nullable=False),  # what makes two articles' entities one actor
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(8)),
    Column("sectors", Text),
    Column("title", Text),
    Column("in_knowledge", Boolean, nullable=False),  # its name or country came from the knowledge base
    Column("forms", Text, nullable=False),  # JSON list: the names it goes by in the text
    Column("n_mentions", Integer, nullable=False),
    Column("first_start", Integer, nullable=False),
    Column("first_end", Integer, nullable=False),
    Index("actor_mentions_article", "article"),
    Index("actor_mentions_identity", "identity"),
)

place_mentions = Table(
    "place_mentions", metadata,
    Column("article", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(8)),
    Column("feature", String(32)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonameid", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("place_mentions_article", "article"),
)

date_mentions = Table(
    "date_mentions", metadata,
    Column("article", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16)),
    Column("value", String(32)),  # normalised against the publication date: "2022-03-29", "2022-W13"
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("date_mentions_article", "article"),
)

# The MinHash signature of each article's text, for finding near-duplicates (store/near_duplicates.py)
article_signatures = Table(
    "article_signatures", metadata,
    Column("article", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False),  # signatures of another version are recomputed
    Column("signature", LargeBinary, nullable=False),
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
    # since store version 2
    Column("status", String(16)),  # "asserted", "negated" or "hypothetical": never merged with each other
    Column("actor_sectors", Text),
    Column("recipient_sectors", Text),
    Column("actor_names", Text),
    Column("recipient_names", Text),
    Column("place", Text),
    Column("place_country", String(8)),
    Column("n_independent", Integer),  # stories among its articles: a syndicated copy counts once
    Column("first_seen", String(10)),  # the earliest and latest publication dates of its articles
    Column("last_seen", String(10)),
    # its first mention's evidence, kept here so that listing and exporting events never reads
    # article texts (on PostgreSQL, cutting them took most of an export's time)
    Column("trigger", Text),
    Column("sentence", Text),
    Column("url", Text),
    # since version 3: a type's, a place's and all events in the listings' order (date_first,
    # first_article, id), so that a first page is read in order and stops after its rows;
    # date_last too, so that a `since` bound is checked in the index, before the row is read
    Index("events_type_date", "type", "date_first", "first_article", "id", "date_last"),
    Index("events_place_date", "place_country", "date_first", "first_article", "id", "date_last"),
    Index("events_date", "date_first", "first_article", "id"),
)

event_links = Table(
    "event_links", metadata,
    Column("event_id", String(40), nullable=False),
    Column("article", Integer, nullable=False),
    Column("event", String(16), nullable=False),
    Index("event_links_event", "event_id"),
    Index("event_links_mention", "article", "event"),  # since version 2
)

# since store version 3: each code of an event's actor and recipient countries, one a row, so
# that a country filter is an index lookup (the events' space-separated lists can only be
# scanned: "RUS" must match "BLR RUS" but "IN" must not match "IND"). The event's dates and
# first article are copied here so that a country's events are walked in the listings' order.
event_countries = Table(
    "event_countries", metadata,
    Column("event_id", String(40), nullable=False),
    Column("side", String(16), nullable=False),  # "actor" or "recipient"
    Column("country", String(8), nullable=False),
    Column("date_first", String(32)),  # the event's
    Column("date_last", String(32)),
    Column("first_article", Integer, nullable=False),
    Column("sectors", Text),  # since version 4: that side's sectors, so a walk checks them in its index
    Index("event_countries_event", "event_id", "side", "country"),  # has this event this country?
    Index("event_countries_walk", "side", "country", "date_first", "first_article", "event_id", "date_last",
          "sectors"),
)

# since store version 4: each pair of an event's actor and recipient country codes, one a row,
# in the listings' order, so that a dyad ("RUS" against "UKR") is one index range however many
# events each country has on its own (a walk of one side checked every event of that side)
event_dyads = Table(
    "event_dyads", metadata,
    Column("event_id", String(40), nullable=False),
    Column("actor", String(8), nullable=False),
    Column("recipient", String(8), nullable=False),
    Column("date_first", String(32)),  # the event's
    Column("date_last", String(32)),
    Column("first_article", Integer, nullable=False),
    Index("event_dyads_walk", "actor", "recipient", "date_first", "first_article", "event_id", "date_last"),
)

# An event merged into another when the corpus grew: its id still leads to the one it joined.
event_aliases = Table(
    "event_aliases", metadata,
    Column("old_id", String(40), primary_key=True),
    Column("event_id", String(40), nullable=False),
)


# since store version 2 ----------------------------------------------------------------------

# Near-duplicate articles (wire copies, updates, truncations) grouped into stories
stories = Table(
    "stories", metadata,
    Column("id", String(40), primary_key=True),  # stable: named after its earliest article
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("outlets", Text),  # JSON list
    Column("title", Text),
    Column("first_article", Integer, nullable=False),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
)

story_articles = Table(
    "story_articles", metadata,
    Column("article", Integer, primary_key=True),
    Column("story_id", String(40), nullable=False),
    Index("story_articles_story", "story_id"),
)

# The same words by the same speaker, across articles: one quote with every occurrence
quotes = Table(
    "quotes", metadata,
    Column("id", String(40), primary_key=True),
    Column("speaker", Text),
    Column("content", Text, nullable=False),
    Column("n_occurrences", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("n_independent", Integer, nullable=False),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("first_article", Integer, nullable=False),
    Column("first_quote", String(16), nullable=False),
)

quote_links = Table(
    "quote_links", metadata,
    Column("quote_id", String(40), nullable=False),
    Column("article", Integer, nullable=False),
    Column("quote", String(16), nullable=False),
    Index("quote_links_quote", "quote_id"),
)

# One actor per identity across articles, with every name it went by
actors = Table(
    "actors", metadata,
    Column("id", String(40), primary_key=True),
    Column("identity", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(8)),
    Column("sectors", Text),
    Column("in_knowledge", Boolean, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON list
    Column("n_articles", Integer, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Index("actors_name", "name"),
)
