"""`eventwire ingest` and `eventwire failures`: articles into the corpus store, and what could
not go in."""

from __future__ import annotations

import sys
import threading
from collections import Counter, deque

import click

from ...core.intake import DUPLICATE, FOREIGN, screen
from ...document.article import (
    Failure,
    parse_published,
    with_dateline_date,
    with_published,
)
from ...errors import EventwireError
from ...language import preload
from ...readers import read_inputs
from ...render.rows import ROW_FORMATS
from ...render.writer import printable
from ...settings import DEFAULT_STORE, Settings
from .batching import analyse, batch_from, batch_options, reason_of
from .common import fail, open_store, output, write_listing
from .progress import Progress, count_inputs

DB_HELP = f"The store: a path to an SQLite file or a database URL [default: {DEFAULT_STORE}]."


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="Publication date for articles that give none.")
@click.option("--model", default=None, metavar="NAME", help="Any installed spaCy pipeline [default: en_core_web_sm].")
@click.option("--batch-size", type=int, default=None, help="Articles per spaCy batch.")
@click.option("--processes", type=int, default=None, help="Worker processes for many articles.")
@click.option("--any-language", is_flag=True,
              help="Analyse articles that are not in English too (with a warning), instead of refusing them.")
@batch_options
def ingest(sources, db, published, model, batch_size, processes, any_language, workers, scheduler, timeout,
           max_chars, quiet) -> None:
    """Analyse articles and keep them, with every extraction, in the corpus store.

    SOURCES are files, directories (read recursively) or - for standard input, as for
    `eventwire analyze`. An article already in the store (the same text) is not analysed
    again, so running the same command after an interruption stores only the rest. Inputs
    that cannot be read or analysed, and articles not in English, are kept as failures
    (`eventwire failures`).

    With --workers N (N >= 2) the articles are analysed on a Dask LocalCluster of N processes,
    with --scheduler on an existing Dask cluster; this process alone writes to the store.
    """
    # The language model loads in a thread meanwhile (0.8 s of a short ingest otherwise); the
    # store (SQLAlchemy) loads here, not for `eventwire --help`.
    threading.Thread(target=preload, daemon=True).start()
    from ...store import Store
    from ...store.aggregate import aggregate

    try:
        settings = Settings.from_env().with_(model=model, batch_size=batch_size, processes=processes,
                                             max_chars=max_chars)
        when = parse_published(published, "--published") if published else None
        store = Store.open(db)
    except EventwireError as err:
        fail(str(err))
    if not sources:
        if sys.stdin.isatty():
            fail("no input — give files or directories to ingest, or - to read standard input")
        sources = ("-",)
    batch = batch_from(workers, scheduler, timeout, quiet, processes)
    counts: Counter = Counter()
    queued: deque = deque()  # (input id, origin) of each article handed to the analyzer, in order

    def new_articles():
        for item in read_inputs(sources, max_chars=settings.max_chars):
            counts["read"] += 1
            if isinstance(item, Failure):
                store.add_failure(item.id, item.origin, reason_of(item, "read"), item.message)
                counts["failures"] += 1
                progress.advance(failed=True)
                click.echo(f"error: {printable(item.message)}", err=True)
                continue
            screened = screen(store, item, any_language)
            if screened.outcome == DUPLICATE:
                counts["duplicates"] += 1
                progress.advance()
                continue
            if screened.outcome == FOREIGN:
                message = screened.message(item.origin, "ingest it anyway with --any-language")
                store.add_failure(item.id, item.origin, FOREIGN, message)
                counts["failures"] += 1
                progress.advance(failed=True)
                click.echo(f"error: {printable(message)}", err=True)
                continue
            if screened.language is not None:
                click.echo(f"warning: {item.origin}: written in '{screened.language[0]}'; analysed as English "
                           "on request", err=True)
            queued.append((item.id, item.origin))
            # the input's own date first, then the dateline's ("BRASILIA, May 6, 2024 -"), then --published
            item = with_dateline_date(item)
            yield with_published(item, when) if when is not None and item.published is None else item

    progress = Progress(count_inputs(sources), show=not quiet)
    try:
        with progress:
            pending = new_articles()
            first = next(pending, None)
            if first is not None:
                for result in analyse(_chain(first, pending), settings, batch):
                    input_id, origin = queued.popleft()
                    if isinstance(result, Failure):
                        store.add_failure(input_id, origin, reason_of(result, "analysis"), result.message)
                        counts["failures"] += 1
                        progress.advance(failed=True)
                        click.echo(f"error: {printable(result.message)}", err=True)
                        continue
                    if store.add(result, input_id, origin):
                        counts["stored"] += 1
                    else:
                        counts["duplicates"] += 1  # the same text twice in this run
                    progress.advance(words=len(result["text"].split()))
        if counts["stored"]:
            aggregate(store)  # events, not reports: rebuilt from every stored mention
    except EventwireError as err:
        fail(f"{err} (the articles stored before this are complete)")
    click.echo(f"read {counts['read']} = stored {counts['stored']} + duplicates {counts['duplicates']} "
               f"+ failures {counts['failures']} {progress.timing()} (store: {store.name})", err=True)
    if counts["failures"]:
        sys.exit(1)


def _chain(first, rest):
    yield first
    yield from rest


FAILURE_COLUMNS = ("origin", "reason", "message", "input_id", "at")


@click.command()
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(("lines", *ROW_FORMATS)), default="lines", show_default=True,
              help="lines: origin, reason and message, tab-separated, one a line; or a listing format.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
def failures(db, fmt, out) -> None:
    """The inputs that could not be read or analysed, with the reason, one a line."""
    try:
        rows = open_store(db).failures()
    except EventwireError as err:
        fail(str(err))
    if not rows:
        click.echo("no failures", err=True)
    if fmt != "lines":
        write_listing(rows, FAILURE_COLUMNS, fmt, out, "failures")
        return
    with output(out) as stream:
        for row in rows:
            stream.write(f"{row['origin']}\t{row['reason']}\t{printable(row['message'])}\n")
