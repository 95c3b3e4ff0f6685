"""`eventwire events`: the event mentions in the corpus store, filtered, as a table or a file."""

from __future__ import annotations

from pathlib import Path

import click

from ...errors import EventwireError
from ...render.rows import ROW_FORMATS, write_rows
from ...store import DEFAULT_STORE, Store
from ...store.corpus import EVENT_COLUMNS, Corpus
from .common import fail, output
from .ingest import DB_HELP


@click.command()
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--actor", default=None, metavar="CODE", help="Only events with this country among the actor's.")
@click.option("--recipient", default=None, metavar="CODE", help="Only events with this country among the recipient's.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="Only this PLOVER type, e.g. ASSAULT.")
@click.option("--mode", default=None, metavar="MODE", help="Only this PLOVER mode.")
@click.option("--since", default=None, metavar="DATE", help="Events dated on or after: 2022, 2022-03 or 2022-03-01.")
@click.option("--until", default=None, metavar="DATE", help="Events dated on or before (a month or year includes all of it).")
@click.option("--all", "uncounted", is_flag=True, help="Also events that did not happen: negated, possible, planned.")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def events(db, actor, recipient, type_, mode, since, until, uncounted, limit, fmt, out) -> None:
    """Event mentions in the corpus store, one a row, with the article each comes from."""
    if db is None and not Path(DEFAULT_STORE).exists():
        fail(f"{DEFAULT_STORE}: no such store — ingest articles first, or give --db")
    try:
        corpus = Corpus(Store.open(db, create=False))
        rows = corpus.events(actor=actor, recipient=recipient, type=type_, mode=mode, since=since,
                             until=until, uncounted=uncounted, limit=limit)
        with output(out) as stream:
            count = write_rows(rows, EVENT_COLUMNS, fmt, stream)
    except EventwireError as err:
        fail(str(err))
    if out is not None:
        click.echo(f"{count} events written to {out}", err=True)
