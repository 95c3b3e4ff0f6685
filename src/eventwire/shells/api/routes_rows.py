"""One row by its id (an event with its mentions and evidence, an article with its whole
analysis, a quote, an actor, a story), and the aggregates: event counts between two sides by
week or month and type, an actor's timeline, full-text search with snippets."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse

from ...store import lookup
from ...store.search import search as search_articles
from .errors import ERRORS, NOT_FOUND, HttpError
from .params import LARGEST_NUMBER, known_parameters
from .query_threads import reads_store
from .routes_lists import event_filters

router = APIRouter(prefix="/api", dependencies=[Depends(known_parameters)], responses=ERRORS)

ROW = {200: {"content": {"application/json": {"schema": {"type": "object"}}}, "description": "The row."}}
ROWS = {200: {"content": {"application/json": {"schema": {"type": "object", "properties": {
    "rows": {"type": "array", "items": {"type": "object"}}}, "required": ["rows"]}}}, "description": "The rows."}}
MOVED = {308: {"description": "The event was merged into another as the corpus grew: its id is in Location."}}


def _found(row: dict[str, Any] | None, what: str, key: Any, listing: str) -> JSONResponse:
    if row is None:
        raise HttpError(404, f"{what} {key}: not in this store — list them at {listing}")
    return JSONResponse(row)


@router.get("/events/{event_id}", responses={**ROW, **NOT_FOUND, **MOVED}, summary="An event")
@reads_store
def one_event(request: Request, event_id: str = Path(description="An event id: ev-…")):
    """An event with every mention of it: article, outlet, date, trigger and evidence sentence.
    An id merged into another event redirects (308) to it."""
    event = request.app.state.corpus.event(event_id)
    if event is not None and event["id"] != event_id:
        target = request.url.replace(path=request.url.path.rsplit("/", 1)[0] + "/" + event["id"])
        return RedirectResponse(str(target), status_code=308)
    return _found(event, "event", event_id, "/api/events")


@router.get("/articles/{article_id}", responses={**ROW, **NOT_FOUND}, summary="An article")
@reads_store
def one_article(request: Request, article_id: int = Path(ge=1, le=LARGEST_NUMBER,
                                                                    description="An article's number in the store.")):
    """A stored article: its metadata, text and whole analysis record (the JSON of
    `eventwire analyze --format json`), whose offsets index that text."""
    return _found(lookup.article(request.app.state.store, article_id), "article", article_id, "/api/articles")


@router.get("/quotes/{quote_id}", responses={**ROW, **NOT_FOUND}, summary="A quote")
@reads_store
def one_quote(request: Request, quote_id: str = Path(description="A quote id.")):
    """A quote (the same words by the same speaker across articles) with every occurrence."""
    return _found(lookup.quote(request.app.state.store, quote_id), "quote", quote_id, "/api/quotes")


@router.get("/actors/{actor_id}", responses={**ROW, **NOT_FOUND}, summary="An actor")
@reads_store
def one_actor(request: Request, actor_id: str = Path(description="An actor id."),
              limit: int = Query(100, ge=1, le=1000, description="At most this many of its articles.")):
    """An actor with its aliases, counts and the articles that name it, latest first."""
    return _found(lookup.actor(request.app.state.store, actor_id, limit=limit), "actor", actor_id, "/api/actors")


@router.get("/stories/{story_id}", responses={**ROW, **NOT_FOUND}, summary="A story")
@reads_store
def one_story(request: Request, story_id: str = Path(description="A story id.")):
    """A story (near-duplicate articles) with the outlets that ran it and its articles."""
    return _found(lookup.story(request.app.state.store, story_id), "story", story_id, "/api/stories")


@router.get("/counts", responses=ROWS, summary="Event counts")
@reads_store
def event_counts(request: Request, filters: dict = Depends(event_filters),
                 by: Literal["week", "month"] = Query("month", description="Count per ISO week or calendar month."),
                 min_sources: int | None = Query(None, ge=1, le=LARGEST_NUMBER,
                                                description="Reported by at least this many outlets.")):
    """Events per period and type among the events the filters select: between two actors
    (actor_name, recipient_name) or countries (actor, recipient), counted as events, not reports."""
    rows = lookup.counts(request.app.state.store, period=by, **filters, min_sources=min_sources)
    return JSONResponse({"rows": list(rows)})


@router.get("/timeline/{actor}", responses=ROWS, summary="An actor's timeline")
@reads_store
def actor_timeline(request: Request, actor: str = Path(description="A country code (RUS) or words of a name."),
                   recipient: bool = Query(False, description="Events done to the actor instead of by it."),
                   type: str | None = Query(None, description="Only this PLOVER type."),
                   since: str | None = Query(None, description="Dated on or after this date or week."),
                   until: str | None = Query(None, description="Dated on or before this date or week.")):
    """An actor's events per ISO week and type, as `eventwire timeline`."""
    rows = request.app.state.corpus.timeline(actor, recipient=recipient, type=type, since=since, until=until)
    return JSONResponse({"rows": list(rows)})


@router.get("/search", responses=ROWS, summary="Full-text search")
@reads_store
def full_text(request: Request, q: str = Query(min_length=1, description="Words the articles must all hold."),
              limit: int = Query(20, ge=1, le=1000, description="At most this many articles.")):
    """The articles holding all these words, best first, each with a snippet around them
    (the words found are between [ and ])."""
    return JSONResponse({"rows": list(search_articles(request.app.state.store, q, limit=limit))})
