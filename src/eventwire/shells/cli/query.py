"""`eventwire events` and `eventwire show`: the events in the corpus store (each happening once,
however many articles report it), or every mention, filtered, as a table or a file."""

from __future__ import annotations

import json

import click

from ...errors import EventwireError
from ...render.rows import ROW_FORMATS, write_rows
from .common import fail, open_store, output
from .ingest import DB_HELP


def write_listing(rows, columns: tuple[str, ...], fmt: str, out: str | None, what: str) -> None:
    with output(out) as stream:
        count = write_rows(rows, columns, fmt, stream)
    if out is not None:
        click.echo(f"{count} {what} written to {out}", err=True)


@click.command()
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--actor", default=None, metavar="CODE", help="Only events with this country among the actor's.")
@click.option("--recipient", default=None, metavar="CODE", help="Only events with this country among the recipient's.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="Only this PLOVER type, e.g. ASSAULT.")
@click.option("--mode", default=None, metavar="MODE", help="Only this PLOVER mode.")
@click.option("--since", default=None, metavar="DATE", help="Events dated on or after: 2022, 2022-03 or 2022-03-01.")
@click.option("--until", default=None, metavar="DATE", help="Events dated on or before (a month or year includes all of it).")
@click.option("--min-sources", type=int, default=None, metavar="N", help="Events reported by at least N outlets.")
@click.option("--mentions", "as_mentions", is_flag=True, help="Every report of an event, with its article, one a row.")
@click.option("--all", "uncounted", is_flag=True,
              help="With --mentions: also events that did not happen (negated, possible, planned).")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def events(db, actor, recipient, type_, mode, since, until, min_sources, as_mentions, uncounted, limit, fmt,
           out) -> None:
    """Events in the corpus store: the same happening reported by many articles is one event,
    with its number of mentions, articles and outlets. --mentions lists every report instead."""
    from ...store.corpus import EVENT_COLUMNS, MENTION_COLUMNS, Corpus
    try:
        corpus = Corpus(open_store(db))
        filters = dict(actor=actor, recipient=recipient, type=type_, mode=mode, since=since, until=until,
                       limit=limit)
        if as_mentions:
            rows, columns = corpus.mentions(uncounted=uncounted, **filters), MENTION_COLUMNS
        else:
            rows, columns = corpus.events(min_sources=min_sources, **filters), EVENT_COLUMNS
        write_listing(rows, columns, fmt, out, "events")
    except EventwireError as err:
        fail(str(err))


@click.command()
@click.argument("event_id")
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def show(event_id, db, fmt) -> None:
    """One event with every mention of it: outlet, date, trigger and sentence. An id that was
    merged into another event as the corpus grew shows that event."""
    from ...store.corpus import Corpus
    try:
        event = Corpus(open_store(db)).event(event_id)
    except EventwireError as err:
        fail(str(err))
    if event is None:
        fail(f"{event_id}: no such event in the store — list them with: eventwire events")
    if fmt == "json":
        click.echo(json.dumps(event, ensure_ascii=False, indent=2))
        return
    if event["id"] != event_id:
        click.echo(f"{event_id} was merged into {event['id']}", err=True)
    click.echo(f"{event['id']}  {event['type']}  {event['actor_countries'] or '-'} -> "
               f"{event['recipient_countries'] or '-'}  {event['date_first'] or ''}"
               f"{'..' + event['date_last'] if event['date_last'] != event['date_first'] else ''}  "
               f"{event['n_mentions']} mentions in {event['n_articles']} articles from {event['n_sources']} sources")
    for mention in event["mentions"]:
        click.echo(f"  {mention['published'] or '':10}  {mention['outlet'] or mention['input_id']}: "
                   f"[{mention['trigger']}] {' '.join(mention['sentence'].split())}")


EXPORTS = {  # what -> the formats it can be written in
    "events": ("polecat", "plover", "csv", "jsonl"),
    "mentions": ("csv", "tsv", "jsonl"),
}


@click.command()
@click.argument("what", type=click.Choice(tuple(EXPORTS)))
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(("polecat", "plover", "csv", "tsv", "jsonl")), default="csv",
              show_default=True, help="events: polecat (POLECAT's 40-column TSV), plover (PLOVER JSON Lines), csv, "
                                      "jsonl; mentions: csv, tsv, jsonl.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def export(what, db, fmt, out) -> None:
    """Every event (one row each, however many articles report it) or every mention, in the
    formats event-data tools read."""
    from ...store.corpus import EVENT_COLUMNS, Corpus
    from ...store.export import (
        MENTION_EXPORT_COLUMNS,
        POLECAT_COLUMNS,
        mention_rows,
        plover_rows,
        polecat_rows,
    )

    if fmt not in EXPORTS[what]:
        fail(f"--format {fmt}: not a format for {what} — use one of {', '.join(EXPORTS[what])}")
    try:
        store = open_store(db)
        if what == "mentions":
            rows, columns, kind = mention_rows(store), MENTION_EXPORT_COLUMNS, fmt
        elif fmt == "polecat":
            rows, columns, kind = polecat_rows(store), POLECAT_COLUMNS, "tsv"
        elif fmt == "plover":
            rows, columns, kind = plover_rows(store), (), "jsonl"
        else:
            rows, columns, kind = Corpus(store).events(), EVENT_COLUMNS, fmt
        write_listing(rows, columns, kind, out, what)
    except EventwireError as err:
        fail(str(err))


@click.command("quotes")
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--speaker", default=None, metavar="NAME", help="Only quotes by a speaker whose name contains this.")
@click.option("--words", default=None, metavar="TEXT", help="Only quotes whose words contain this.")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def quotes_command(db, speaker, words, limit, fmt, out) -> None:
    """Who said what: the stored quotes with their speaker and article."""
    from ...store.corpus import QUOTE_COLUMNS, quotes
    try:
        rows = quotes(open_store(db), speaker=speaker, words=words, limit=limit)
        write_listing(rows, QUOTE_COLUMNS, fmt, out, "quotes")
    except EventwireError as err:
        fail(str(err))


@click.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--limit", type=int, default=20, show_default=True, help="At most this many articles.")
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def search(words, db, limit, fmt, out) -> None:
    """The stored articles that hold all these words, best matches first, with a snippet."""
    from ...store.search import SEARCH_COLUMNS
    from ...store.search import search as search_articles

    try:
        rows = search_articles(open_store(db), " ".join(words), limit=limit)
        write_listing(rows, SEARCH_COLUMNS, fmt, out, "articles")
    except EventwireError as err:
        fail(str(err))
