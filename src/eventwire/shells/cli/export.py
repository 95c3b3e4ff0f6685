"""`eventwire export`: the whole store in the formats researchers' tools read."""

from __future__ import annotations

import click

from ...errors import EventwireError
from .common import fail, open_store, write_listing
from .ingest import DB_HELP

LISTING_FORMATS = ("csv", "tsv", "jsonl", "json", "parquet")
EXPORTS = {  # what -> the formats it can be written in
    "events": ("polecat", "plover", *LISTING_FORMATS),
    "mentions": LISTING_FORMATS,
    "quotes": ("quotebank", *LISTING_FORMATS),
    "actors": LISTING_FORMATS,
    "stories": LISTING_FORMATS,
    "articles": LISTING_FORMATS,
}
ALL_FORMATS = tuple(dict.fromkeys(f for formats in EXPORTS.values() for f in formats))


@click.command()
@click.argument("what", type=click.Choice(tuple(EXPORTS)))
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(ALL_FORMATS), default="csv", show_default=True,
              help="events: polecat (POLECAT's 40-column TSV) or plover (PLOVER JSON Lines); quotes: quotebank "
                   "(Quotebank's JSON Lines); and for all: csv, tsv, jsonl, json, parquet.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def export(what, db, fmt, out) -> None:
    """Everything in the store of one kind: events (one row each, however many articles report
    them), their mentions, quotes, actors, stories or articles."""
    from ...store.corpus import (
        ACTOR_COLUMNS,
        ARTICLE_COLUMNS,
        EVENT_COLUMNS,
        QUOTE_COLUMNS,
        STORY_COLUMNS,
        Corpus,
    )
    from ...store.export import (
        MENTION_EXPORT_COLUMNS,
        POLECAT_COLUMNS,
        mention_rows,
        plover_rows,
        polecat_rows,
        quotebank_rows,
    )

    if fmt not in EXPORTS[what]:
        fail(f"--format {fmt}: not a format for {what} — use one of {', '.join(EXPORTS[what])}")
    try:
        store = open_store(db)
        corpus = Corpus(store)
        if fmt == "polecat":
            rows, columns, fmt = polecat_rows(store), POLECAT_COLUMNS, "tsv"
        elif fmt == "plover":
            rows, columns, fmt = plover_rows(store), (), "jsonl"
        elif fmt == "quotebank":
            rows, columns, fmt = quotebank_rows(store), (), "jsonl"
        else:
            rows, columns = {
                "events": (corpus.events, EVENT_COLUMNS), "mentions": (lambda: mention_rows(store), MENTION_EXPORT_COLUMNS),
                "quotes": (corpus.quotes, QUOTE_COLUMNS), "actors": (corpus.actors, ACTOR_COLUMNS),
                "stories": (lambda: corpus.stories(min_articles=1), STORY_COLUMNS),
                "articles": (corpus.articles, ARTICLE_COLUMNS),
            }[what]
            rows = rows()
        write_listing(rows, columns, fmt, out, what)
    except EventwireError as err:
        fail(str(err))
