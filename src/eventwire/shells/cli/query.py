"""`eventwire events`, `eventwire show` and `eventwire timeline`: the events in the corpus store
(each happening once, however many articles report it), or every mention, filtered, as a table
or a file; one event with its evidence; an actor's events week by week."""

from __future__ import annotations

import json

import click

from ...errors import EventwireError
from ...render.rows import ROW_FORMATS
from .common import fail, open_store, write_listing
from .ingest import DB_HELP


@click.command()
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--actor", default=None, metavar="CODE", help="Only events with this country among the actor's.")
@click.option("--recipient", default=None, metavar="CODE", help="Only events with this country among the recipient's.")
@click.option("--actor-sector", default=None, metavar="CODE", help="Only events whose actor has this sector (GOV, MIL, REB ...).")
@click.option("--recipient-sector", default=None, metavar="CODE", help="Only events whose recipient has this sector.")
@click.option("--actor-name", default=None, metavar="WORDS", help="Only events whose actor's name contains these words.")
@click.option("--recipient-name", default=None, metavar="WORDS", help="Only events whose recipient's name contains these words.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="Only this PLOVER type, e.g. ASSAULT.")
@click.option("--mode", default=None, metavar="MODE", help="Only this PLOVER mode.")
@click.option("--since", default=None, metavar="DATE", help="Events dated on or after: 2022, 2022-03, 2022-03-01 or 2022-W09.")
@click.option("--until", default=None, metavar="DATE", help="Events dated on or before (a month, week or year includes all of it).")
@click.option("--place", default=None, metavar="WORDS", help="Only events at a place whose name contains these words.")
@click.option("--country", default=None, metavar="CODE", help="Only events that happened in this country.")
@click.option("--story", default=None, metavar="ID", help="Only events reported in this story (eventwire stories).")
@click.option("--min-sources", type=int, default=None, metavar="N", help="Events reported by at least N outlets.")
@click.option("--negated", is_flag=True, help="Also events said not to have happened.")
@click.option("--hypothetical", is_flag=True, help="Also events planned, possible, demanded or asked about.")
@click.option("--mentions", "as_mentions", is_flag=True, help="Every report of an event, with its article, one a row.")
@click.option("--all", "uncounted", is_flag=True, help="Both --negated and --hypothetical.")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def events(db, as_mentions, fmt, out, type_, min_sources, **filters) -> None:
    """Events in the corpus store: the same happening reported by many articles is one event,
    with its number of mentions, articles, outlets and independent stories. Events said not to
    have happened, or only planned or possible, are left out unless asked for. --mentions lists
    every report instead."""
    from ...store.corpus import EVENT_COLUMNS, MENTION_COLUMNS, Corpus
    try:
        corpus = Corpus(open_store(db))
        if as_mentions:
            rows, columns = corpus.mentions(type=type_, **filters), MENTION_COLUMNS
        else:
            rows, columns = corpus.events(type=type_, min_sources=min_sources, **filters), EVENT_COLUMNS
        write_listing(rows, columns, fmt, out, "events")
    except EventwireError as err:
        fail(str(err))


@click.command()
@click.argument("actor")
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--recipient", "as_recipient", is_flag=True, help="Events done to the actor instead of by it.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="Only this PLOVER type.")
@click.option("--since", default=None, metavar="DATE", help="Events dated on or after this date or week.")
@click.option("--until", default=None, metavar="DATE", help="Events dated on or before this date or week.")
@click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def timeline(actor, db, as_recipient, type_, since, until, fmt, out) -> None:
    """An actor's events per week, by type: ACTOR is a country code (RUS) or words of a name
    ("Zelensky", "Houthi")."""
    from ...store.corpus import TIMELINE_COLUMNS, Corpus
    try:
        rows = Corpus(open_store(db)).timeline(actor, recipient=as_recipient, type=type_, since=since, until=until)
        write_listing(rows, TIMELINE_COLUMNS, fmt, out, "weeks")
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
