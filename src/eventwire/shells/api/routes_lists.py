"""The listings: articles, events, mentions, quotes, actors and stories, with the CLI's filters
(the same Corpus queries), in a total order, a page at a time (JSON) or whole (CSV, TSV, JSON
Lines, Parquet; events also as POLECAT TSV and PLOVER JSON Lines)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import func, select

from ...store import schema
from ...store.corpus import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    EVENT_SORTS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    QUOTE_MENTION_COLUMNS,
    STORY_COLUMNS,
    event_query,
)
from ...store.export import POLECAT_COLUMNS, plover_rows, polecat_rows
from .errors import ERRORS
from .params import LARGEST_NUMBER, MEDIA_TYPES, known_parameters
from .params import chosen_format as _format
from .query_threads import reads_store
from .streaming import listing

router = APIRouter(prefix="/api", dependencies=[Depends(known_parameters)], responses=ERRORS)

ListingFormat = Literal["json", "csv", "tsv", "jsonl", "parquet"]
EventFormat = Literal["json", "csv", "tsv", "jsonl", "parquet", "polecat", "plover"]


class Page(BaseModel):
    """A JSON page: its rows, the cursor of the next page (null on the last), and the number of
    rows in all pages when asked for with total=true."""
    rows: list[dict[str, Any]]
    next: str | None
    total: int | None = None


def _page_response(formats: tuple[str, ...]) -> dict:
    content = {MEDIA_TYPES[f].split(";")[0]: {} for f in formats if f != "json"}
    return {200: {"model": Page, "content": content,
                  "description": "A JSON page, or every row (from the cursor on) in the format asked for: "
                                 "CSV, TSV, JSON Lines or Parquet."}}


FORMAT_HELP = "json (a page), csv, tsv, jsonl or parquet (every row, streamed); else as the Accept header asks."
LIMIT = Query(None, ge=1, le=LARGEST_NUMBER,
              description="Rows in a page (JSON: 100 unless given, at most 1000); for other formats, at most "
                          "this many rows, with the next page's cursor in X-Next-Cursor.")
CURSOR = Query(None, description="The `next` value of the previous page (JSON), or its X-Next-Cursor header.")
TOTAL = Query(False, description="Also count every row the filters select (JSON: `total`; else X-Total-Count).")


async def event_filters(  # async, though it never waits: as known_parameters (params.py)
    actor: str | None = Query(None, description="A country code among the actor's: RUS."),
    recipient: str | None = Query(None, description="A country code among the recipient's."),
    actor_sector: str | None = Query(None, description="A sector code among the actor's: GOV, MIL, REB ..."),
    recipient_sector: str | None = Query(None, description="A sector code among the recipient's."),
    actor_name: str | None = Query(None, description="Words in the actor's names (case aside)."),
    recipient_name: str | None = Query(None, description="Words in the recipient's names."),
    type: str | None = Query(None, description="A PLOVER type: ASSAULT, PROTEST ..."),
    mode: str | None = Query(None, description="A PLOVER mode."),
    since: str | None = Query(None, description="Dated on or after: 2022, 2022-03, 2022-03-01 or 2022-W09."),
    until: str | None = Query(None, description="Dated on or before (a month, week or year includes all of it)."),
    place: str | None = Query(None, description="Words in the place's name."),
    country: str | None = Query(None, description="The country the event happened in."),
    story: str | None = Query(None, description="Only events reported in this story's articles."),
    negated: bool = Query(False, description="Also events said not to have happened."),
    hypothetical: bool = Query(False, description="Also events planned, possible, demanded or asked about."),
    all: bool = Query(False, description="Both negated and hypothetical."),
) -> dict[str, Any]:
    """The filters `eventwire events` takes, under the Corpus's names."""
    return {"actor": actor, "recipient": recipient, "actor_sector": actor_sector, "recipient_sector": recipient_sector,
            "actor_name": actor_name, "recipient_name": recipient_name, "type": type, "mode": mode, "since": since,
            "until": until, "place": place, "country": country, "story": story, "negated": negated,
            "hypothetical": hypothetical, "uncounted": all}


@router.get("/events", responses=_page_response(("csv", "tsv", "jsonl", "parquet")), summary="Events")
@reads_store
def list_events(request: Request, filters: dict = Depends(event_filters),
                min_sources: int | None = Query(None, ge=1, le=LARGEST_NUMBER,
                                                description="Reported by at least this many outlets."),
                format: EventFormat | None = Query(None, description=FORMAT_HELP + " polecat: POLECAT's 40 columns "
                                                   "(TSV); plover: PLOVER's JSON Lines."),
                sort: Literal[EVENT_SORTS] = Query("date", description="date (earliest first), n_mentions, "
                                                   "n_articles or n_sources; a leading - for latest or most first."),
                limit: int | None = LIMIT, cursor: str | None = CURSOR, total: bool = TOTAL):
    """Events in the store: the same happening reported by many articles is one event, with its
    numbers of mentions, articles, outlets and independent stories; earliest first unless
    sorted otherwise."""
    corpus = request.app.state.corpus
    store = corpus.store
    filters = {**filters, "min_sources": min_sources, "sort": sort}
    fmt = _format(request, format, ("json", "csv", "tsv", "jsonl", "parquet"))
    shapes = {"polecat": (lambda lim, off: polecat_rows(store, {**filters, "limit": lim, "offset": off}),
                          POLECAT_COLUMNS),
              "plover": (lambda lim, off: plover_rows(store, {**filters, "limit": lim, "offset": off}), ())}
    fetch, columns = shapes.get(fmt, (lambda lim, off: corpus.events(**filters, limit=lim, offset=off),
                                      EVENT_COLUMNS))

    def count() -> int:
        with store.connect() as conn:
            return conn.execute(event_query(select(func.count()).select_from(schema.events),
                                            **{**filters, "sort": "date"})).scalar()

    return listing(request, fetch, columns, fmt, limit, cursor, count if total else None, "events")


@router.get("/mentions", responses=_page_response(("csv", "tsv", "jsonl", "parquet")), summary="Event mentions")
@reads_store
def list_mentions(request: Request, filters: dict = Depends(event_filters),
                  event: str | None = Query(None, description="Only the mentions of this event."),
                  format: ListingFormat | None = Query(None, description=FORMAT_HELP),
                  limit: int | None = LIMIT, cursor: str | None = CURSOR, total: bool = TOTAL):
    """Every report of an event, with its article, outlet, trigger and sentence; in article and
    text order."""
    corpus = request.app.state.corpus
    filters = {**filters, "id": event}
    fmt = _format(request, format, ("json", "csv", "tsv", "jsonl", "parquet"))

    def fetch(lim, off):
        return corpus.mentions(**filters, limit=lim, offset=off)

    return listing(request, fetch, MENTION_COLUMNS, fmt, limit, cursor,
                   (lambda: corpus.count_mentions(**filters)) if total else None, "mentions")


@router.get("/quotes", responses=_page_response(("csv", "tsv", "jsonl", "parquet")), summary="Quotes")
@reads_store
def list_quotes(request: Request,
                speaker: str | None = Query(None, description="Words in the speaker's name."),
                words: str | None = Query(None, description="Words in the quote."),
                min_sources: int | None = Query(None, ge=1, le=LARGEST_NUMBER,
                                                description="Quoted by at least this many outlets."),
                mentions: bool = Query(False, description="Every occurrence with its article, one a row."),
                format: ListingFormat | None = Query(None, description=FORMAT_HELP),
                limit: int | None = LIMIT, cursor: str | None = CURSOR, total: bool = TOTAL):
    """Who said what: each quote once (the same words by the same speaker), most quoted first;
    with mentions=true every occurrence instead."""
    corpus = request.app.state.corpus
    fmt = _format(request, format, ("json", "csv", "tsv", "jsonl", "parquet"))
    if mentions:
        filters: dict[str, Any] = {"speaker": speaker, "words": words}
        fetch, columns, name = corpus.quote_mentions, QUOTE_MENTION_COLUMNS, "quote_mentions"
    else:
        filters = {"speaker": speaker, "words": words, "min_sources": min_sources}
        fetch, columns, name = corpus.quotes, QUOTE_COLUMNS, "quotes"
    return listing(request, lambda lim, off: fetch(**filters, limit=lim, offset=off), columns, fmt, limit, cursor,
                   (lambda: corpus.count(name, **filters)) if total else None, "quotes")


@router.get("/actors", responses=_page_response(("csv", "tsv", "jsonl", "parquet")), summary="Actors")
@reads_store
def list_actors(request: Request,
                name: str | None = Query(None, description="Words in its name or an alias."),
                type: str | None = Query(None, description="PERSON, ORG, GPE, NORP ..."),
                country: str | None = Query(None, description="A country code."),
                sector: str | None = Query(None, description="A sector code: GOV, MIL ..."),
                min_articles: int | None = Query(None, ge=1, le=LARGEST_NUMBER,
                                                description="Named in at least this many articles."),
                format: ListingFormat | None = Query(None, description=FORMAT_HELP),
                limit: int | None = LIMIT, cursor: str | None = CURSOR, total: bool = TOTAL):
    """People, organisations and places across the articles, one per identity, the most written
    about first."""
    corpus = request.app.state.corpus
    fmt = _format(request, format, ("json", "csv", "tsv", "jsonl", "parquet"))

    filters = {"name": name, "type": type, "country": country, "sector": sector, "min_articles": min_articles}
    return listing(request, lambda lim, off: corpus.actors(**filters, limit=lim, offset=off), ACTOR_COLUMNS, fmt,
                   limit, cursor, (lambda: corpus.count("actors", **filters)) if total else None, "actors")


@router.get("/stories", responses=_page_response(("csv", "tsv", "jsonl", "parquet")), summary="Stories")
@reads_store
def list_stories(request: Request,
                 min_articles: int = Query(2, ge=1, le=LARGEST_NUMBER,
                                           description="Stories of at least this many articles."),
                 format: ListingFormat | None = Query(None, description=FORMAT_HELP),
                 limit: int | None = LIMIT, cursor: str | None = CURSOR, total: bool = TOTAL):
    """Near-duplicate articles (wire copies, updates) grouped into stories, with the outlets that
    ran them, the most run first."""
    corpus = request.app.state.corpus
    fmt = _format(request, format, ("json", "csv", "tsv", "jsonl", "parquet"))

    return listing(request, lambda lim, off: corpus.stories(min_articles=min_articles, limit=lim, offset=off),
                   STORY_COLUMNS, fmt, limit, cursor,
                   (lambda: corpus.count("stories", min_articles=min_articles)) if total else None, "stories")


@router.get("/articles", responses=_page_response(("csv", "tsv", "jsonl", "parquet")), summary="Articles")
@reads_store
def list_articles(request: Request,
                  story: str | None = Query(None, description="Only this story's articles."),
                  format: ListingFormat | None = Query(None, description=FORMAT_HELP),
                  limit: int | None = LIMIT, cursor: str | None = CURSOR, total: bool = TOTAL):
    """The stored articles (without their texts), in the order they were stored."""
    corpus = request.app.state.corpus
    fmt = _format(request, format, ("json", "csv", "tsv", "jsonl", "parquet"))

    return listing(request, lambda lim, off: corpus.articles(story=story, limit=lim, offset=off), ARTICLE_COLUMNS,
                   fmt, limit, cursor, (lambda: corpus.count("articles", story=story)) if total else None, "articles")
