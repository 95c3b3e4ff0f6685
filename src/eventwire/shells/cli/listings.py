"""`eventwire quotes`, `actors`, `stories` and `search`: what the corpus store holds across
articles — who said what, who appears, which articles are one story — as a table or a file."""

from __future__ import annotations

import click

from ...errors import EventwireError
from ...render.rows import ROW_FORMATS
from .common import fail, open_store, write_listing
from .ingest import DB_HELP

FORMAT = click.option("--format", "fmt", type=click.Choice(ROW_FORMATS), default="table", show_default=True)
OUT = click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write here instead of standard output.")
LIMIT = click.option("--limit", type=int, default=None, help="At most this many rows.")
DB = click.option("--db", default=None, metavar="URL", help=DB_HELP)


@click.command("quotes")
@DB
@click.option("--speaker", default=None, metavar="NAME", help="Only quotes by a speaker whose name contains this.")
@click.option("--words", default=None, metavar="TEXT", help="Only quotes whose words contain this.")
@click.option("--min-sources", type=int, default=None, metavar="N", help="Quotes run by at least N outlets.")
@click.option("--mentions", "as_mentions", is_flag=True, help="Every occurrence, with its article, one a row.")
@LIMIT
@FORMAT
@OUT
def quotes_command(db, speaker, words, min_sources, as_mentions, limit, fmt, out) -> None:
    """Who said what: each quote once (the same words by the same speaker, however many
    articles ran them), most often quoted first, with its counts. --mentions lists every
    occurrence with its article instead."""
    from ...store.corpus import QUOTE_COLUMNS, QUOTE_MENTION_COLUMNS, Corpus
    try:
        corpus = Corpus(open_store(db))
        if as_mentions:
            rows, columns = corpus.quote_mentions(speaker=speaker, words=words, limit=limit), QUOTE_MENTION_COLUMNS
        else:
            rows = corpus.quotes(speaker=speaker, words=words, min_sources=min_sources, limit=limit)
            columns = QUOTE_COLUMNS
        write_listing(rows, columns, fmt, out, "quotes")
    except EventwireError as err:
        fail(str(err))


@click.command()
@DB
@click.option("--name", default=None, metavar="WORDS", help="Only actors whose name or an alias contains these words.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="PERSON, ORG, GPE, NORP ...")
@click.option("--country", default=None, metavar="CODE", help="Only actors of this country.")
@click.option("--sector", default=None, metavar="CODE", help="Only actors with this sector (GOV, MIL ...).")
@click.option("--min-articles", type=int, default=None, metavar="N", help="Actors named in at least N articles.")
@LIMIT
@FORMAT
@OUT
def actors(db, name, type_, country, sector, min_articles, limit, fmt, out) -> None:
    """The people, organisations and places across the stored articles: one actor per identity,
    with every name it went by, the most written about first."""
    from ...store.corpus import ACTOR_COLUMNS, Corpus
    try:
        rows = Corpus(open_store(db)).actors(name=name, type=type_, country=country, sector=sector,
                                             min_articles=min_articles, limit=limit)
        write_listing(rows, ACTOR_COLUMNS, fmt, out, "actors")
    except EventwireError as err:
        fail(str(err))


@click.command()
@DB
@click.option("--min-articles", type=int, default=2, show_default=True,
              help="Stories of at least this many articles (1 lists every article's story).")
@LIMIT
@FORMAT
@OUT
def stories(db, min_articles, limit, fmt, out) -> None:
    """Near-duplicate articles grouped into stories — a wire copy run by many outlets, updated
    and truncated versions — with the outlets that ran them, the most run first."""
    from ...store.corpus import STORY_COLUMNS, Corpus
    try:
        rows = Corpus(open_store(db)).stories(min_articles=min_articles, limit=limit)
        write_listing(rows, STORY_COLUMNS, fmt, out, "stories")
    except EventwireError as err:
        fail(str(err))


@click.command()
@click.argument("words", nargs=-1, required=True)
@DB
@click.option("--limit", type=int, default=20, show_default=True, help="At most this many articles.")
@FORMAT
@OUT
def search(words, db, limit, fmt, out) -> None:
    """The stored articles that hold all these words, best matches first, with a snippet."""
    from ...store.search import SEARCH_COLUMNS
    from ...store.search import search as search_articles

    try:
        rows = search_articles(open_store(db), " ".join(words), limit=limit)
        write_listing(rows, SEARCH_COLUMNS, fmt, out, "articles")
    except EventwireError as err:
        fail(str(err))
