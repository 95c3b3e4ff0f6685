"""Store version 3: each event's countries, one a row (event_countries), and the events'
indexes in the listings' order, so that a filtered first page is an index walk.

A filter on an actor or recipient country matched the events' space-separated lists with
LIKE, which no index serves: on 100,000 events a query read every event of its type, then
sorted the matches by date. The new table holds each code of each side of each event, with
the event's dates and first article, indexed in the listings' order (date_first,
first_article, id), so a country's first page is read in order and stops after its rows. The
events get the same order under a type, a place and nothing (the old type and dyad indexes
served no query any more). The table is filled here from the events the store holds, and
rebuilt with the events after every ingest (store/aggregate.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

_CHUNK = 10_000  # rows inserted at a time, so that a large store's backfill stays in bounded memory


def upgrade() -> None:
    table = op.create_table(
        "event_countries",
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("date_first", sa.String(32)),
        sa.Column("date_last", sa.String(32)),
        sa.Column("first_article", sa.Integer, nullable=False),
    )
    conn = op.get_bind()
    events = sa.table("events", *(sa.column(name) for name in (
        "id", "actor_countries", "recipient_countries", "date_first", "date_last", "first_article")))
    made: list[dict] = []
    for event in conn.execute(sa.select(events)).mappings().all():
        for side in ("actor", "recipient"):
            made += [{"event_id": event["id"], "side": side, "country": code, "date_first": event["date_first"],
                      "date_last": event["date_last"], "first_article": event["first_article"]}
                     for code in dict.fromkeys((event[f"{side}_countries"] or "").split())]
        if len(made) >= _CHUNK:
            conn.execute(table.insert(), made)
            made = []
    if made:
        conn.execute(table.insert(), made)
    # the indexes after the rows: one sort each instead of an index update per row
    op.create_index("event_countries_event", "event_countries", ["event_id", "side", "country"])
    op.create_index("event_countries_date", "event_countries",
                    ["side", "country", "date_first", "first_article", "event_id", "date_last"])
    op.drop_index("events_type", "events")
    op.drop_index("events_dyad", "events")
    op.create_index("events_type_date", "events", ["type", "date_first", "first_article", "id", "date_last"])
    op.create_index("events_place_date", "events",
                    ["place_country", "date_first", "first_article", "id", "date_last"])
    op.create_index("events_date", "events", ["date_first", "first_article", "id"])
    meta = sa.table("eventwire_meta", sa.column("key"), sa.column("value"))
    op.execute(meta.update().where(meta.c.key == "store_version").values(value="3"))
