"""Store version 4: each pair of an event's actor and recipient countries, one a row
(event_dyads), and each side's sectors beside its country in event_countries, so that the
listings' slowest filters are index ranges too.

Version 3 walked one side's country in date order and checked every event it reached for the
other side's country or the sector: a dyad of two countries much in the news but seldom
against each other ("RUS" against "CHN" over a year) read thousands of events to fill a page.
A dyad is now one range of event_dyads' index, and a sector is read from the walk's own index,
without the event's row. Both are filled here from the rows of version 3 (the store also
rebuilds them with the events after every migration, store.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.add_column("event_countries", sa.Column("sectors", sa.Text))
    op.execute("UPDATE event_countries SET sectors = (SELECT CASE WHEN event_countries.side = 'actor' "
               "THEN events.actor_sectors ELSE events.recipient_sectors END FROM events "
               "WHERE events.id = event_countries.event_id)")
    op.drop_index("event_countries_date", "event_countries")
    op.create_index("event_countries_walk", "event_countries",
                    ["side", "country", "date_first", "first_article", "event_id", "date_last", "sectors"])
    op.create_table(
        "event_dyads",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(8), nullable=False),
        sa.Column("recipient", sa.String(8), nullable=False),
        sa.Column("date_first", sa.String(32)),
        sa.Column("date_last", sa.String(32)),
        sa.Column("first_article", sa.Integer, nullable=False),
    )
    # the index after the rows: one sort instead of an index update per row
    op.execute("INSERT INTO event_dyads (event_id, actor, recipient, date_first, date_last, first_article) "
               "SELECT a.event_id, a.country, r.country, a.date_first, a.date_last, a.first_article "
               "FROM event_countries a JOIN event_countries r ON r.event_id = a.event_id AND r.side = 'recipient' "
               "WHERE a.side = 'actor'")
    op.create_index("event_dyads_walk", "event_dyads",
                    ["actor", "recipient", "date_first", "first_article", "event_id", "date_last"])
    meta = sa.table("eventwire_meta", sa.column("key"), sa.column("value"))
    op.execute(meta.update().where(meta.c.key == "store_version").values(value="4"))
