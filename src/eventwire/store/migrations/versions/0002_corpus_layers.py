"""Store version 2: every layer of an article as rows, and what is derived across articles.

Adds to the event and quote mentions the columns the queries filter on (sectors, names,
place country, hypothetical, the speaker's name); adds the actor, place and date mentions and
the articles' MinHash signatures; and the derived tables: stories of near-duplicate articles,
quotes and actors across articles, and the events' new counts. The new mention rows are
filled from the records a version-1 store kept; the derived tables are rebuilt by the store
after migrating (store/aggregate.py), as after any ingest.
"""

import json

import sqlalchemy as sa
from alembic import op

from eventwire.store import fulltext, rows

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    for name, kind in (("hypothetical", sa.Boolean), ("actor_sectors", sa.Text), ("recipient_sectors", sa.Text),
                       ("actor_names", sa.Text), ("recipient_names", sa.Text), ("place_country", sa.String(8))):
        op.add_column("event_mentions", sa.Column(name, kind))
    op.add_column("quote_mentions", sa.Column("speaker_name", sa.Text))
    for name, kind in (("place", sa.Text), ("place_country", sa.String(8)), ("place_from", sa.String(16))):
        op.add_column("articles", sa.Column(name, kind))
    for name, kind in (("status", sa.String(16)), ("actor_sectors", sa.Text), ("recipient_sectors", sa.Text),
                       ("actor_names", sa.Text), ("recipient_names", sa.Text), ("place", sa.Text),
                       ("place_country", sa.String(8)), ("n_independent", sa.Integer),
                       ("first_seen", sa.String(10)), ("last_seen", sa.String(10)), ("trigger", sa.Text),
                       ("sentence", sa.Text), ("url", sa.Text)):
        op.add_column("events", sa.Column(name, kind))
    op.create_index("events_dyad", "events", ["actor_countries", "recipient_countries", "type", "date_first"])
    op.create_index("event_links_mention", "event_links", ["article", "event"])

    def article():
        return sa.Column("article", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)

    actor_mentions = op.create_table(
        "actor_mentions", article(),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("identity", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("sectors", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("in_knowledge", sa.Boolean, nullable=False),
        sa.Column("forms", sa.Text, nullable=False),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.Column("first_start", sa.Integer, nullable=False),
        sa.Column("first_end", sa.Integer, nullable=False),
    )
    op.create_index("actor_mentions_article", "actor_mentions", ["article"])
    op.create_index("actor_mentions_identity", "actor_mentions", ["identity"])
    place_mentions = op.create_table(
        "place_mentions", article(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("feature", sa.String(32)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("geonameid", sa.Integer),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("place_mentions_article", "place_mentions", ["article"])
    date_mentions = op.create_table(
        "date_mentions", article(),
        sa.Column("type", sa.String(16)),
        sa.Column("value", sa.String(32)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("date_mentions_article", "date_mentions", ["article"])
    op.create_table(
        "article_signatures",
        sa.Column("article", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("first_article", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
    )
    op.create_table(
        "story_articles",
        sa.Column("article", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.String(40), nullable=False),
    )
    op.create_index("story_articles_story", "story_articles", ["story_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("speaker", sa.Text),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("n_occurrences", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("n_independent", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
        sa.Column("first_article", sa.Integer, nullable=False),
        sa.Column("first_quote", sa.String(16), nullable=False),
    )
    op.create_table(
        "quote_links",
        sa.Column("quote_id", sa.String(40), nullable=False),
        sa.Column("article", sa.Integer, nullable=False),
        sa.Column("quote", sa.String(16), nullable=False),
    )
    op.create_index("quote_links_quote", "quote_links", ["quote_id"])
    op.create_table(
        "actors",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("identity", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("sectors", sa.Text),
        sa.Column("in_knowledge", sa.Boolean, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.String(10)),
        sa.Column("last_seen", sa.String(10)),
    )
    op.create_index("actors_name", "actors", ["name"])

    _fill_from_records(actor_mentions, place_mentions, date_mentions)
    fulltext.create_index(op.get_bind())  # a store from before full-text search gets its index
    meta = sa.table("eventwire_meta", sa.column("key"), sa.column("value"))
    op.execute(meta.update().where(meta.c.key == "store_version").values(value="2"))


def _fill_from_records(actor_mentions, place_mentions, date_mentions) -> None:
    """The rows version 1 did not keep, from the records it did, an article at a time."""
    conn = op.get_bind()
    articles = sa.table("articles", sa.column("id"), sa.column("record"))
    events = sa.table("event_mentions", *(sa.column(n) for n in (
        "article", "event", "hypothetical", "actor_sectors", "recipient_sectors", "actor_names",
        "recipient_names", "place_country")))
    quotes = sa.table("quote_mentions", sa.column("article"), sa.column("quote"), sa.column("speaker_name"))
    places = sa.table("articles", sa.column("id"), sa.column("place"), sa.column("place_country"),
                      sa.column("place_from"))
    for article_id, record_json in conn.execute(sa.select(articles.c.id, articles.c.record)).all():
        record = json.loads(record_json)
        dateline = rows.dateline_place(record)
        if dateline is not None:
            conn.execute(places.update().where(places.c.id == article_id).values(
                place=dateline.get("name"), place_country=dateline.get("country"), place_from="dateline"))
        for row in rows.event_rows(article_id, record):
            conn.execute(events.update().where(events.c.article == article_id, events.c.event == row["event"])
                         .values({k: row[k] for k in ("hypothetical", "actor_sectors", "recipient_sectors",
                                                      "actor_names", "recipient_names", "place_country")}))
        for row in rows.quote_rows(article_id, record):
            conn.execute(quotes.update().where(quotes.c.article == article_id, quotes.c.quote == row["quote"])
                         .values(speaker_name=row["speaker_name"]))
        for table, made in ((actor_mentions, rows.actor_rows(article_id, record)),
                            (place_mentions, rows.place_rows(article_id, record)),
                            (date_mentions, rows.date_rows(article_id, record))):
            if made:
                conn.execute(table.insert(), made)
