"""Store version 1: the tables eventwire 0.1 made before it had migrations.

Frozen as they were: a store made then is marked as being at this revision, and a new store
starts here, so both are brought to the present by the same later revisions.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "eventwire_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("text_key", sa.String(64), nullable=False, unique=True),
        sa.Column("input_id", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_from", sa.String(16)),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "event_mentions",
        sa.Column("article", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("counted", sa.Boolean, nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("modality", sa.String(16)),
        sa.Column("actor_countries", sa.Text),
        sa.Column("recipient_countries", sa.Text),
        sa.Column("date", sa.String(32)),
        sa.Column("date_source", sa.String(16)),
        sa.Column("place", sa.Text),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("pattern", sa.String(64)),
    )
    op.create_index("event_mentions_type", "event_mentions", ["type"])
    op.create_index("event_mentions_article", "event_mentions", ["article"])
    op.create_table(
        "quote_mentions",
        sa.Column("article", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("quote", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity", sa.String(16)),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
    )
    op.create_index("quote_mentions_article", "quote_mentions", ["article"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input_id", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("actor_countries", sa.Text),
        sa.Column("recipient_countries", sa.Text),
        sa.Column("date_first", sa.String(32)),
        sa.Column("date_last", sa.String(32)),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("first_article", sa.Integer, nullable=False),
        sa.Column("first_event", sa.String(16), nullable=False),
    )
    op.create_index("events_type", "events", ["type"])
    op.create_table(
        "event_links",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("article", sa.Integer, nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
    )
    op.create_index("event_links_event", "event_links", ["event_id"])
    op.create_table(
        "event_aliases",
        sa.Column("old_id", sa.String(40), primary_key=True),
        sa.Column("event_id", sa.String(40), nullable=False),
    )
    op.bulk_insert(sa.table("eventwire_meta", sa.column("key"), sa.column("value")),
                   [{"key": "store_version", "value": "1"}])
