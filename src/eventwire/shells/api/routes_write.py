"""The two endpoints that analyse: POST /api/analyze (one article in, its analysis out, stored
only with store=true) and POST /api/articles (one article, a list, or a JSON Lines batch into the
store, as `eventwire ingest` takes them in: core/intake.py). The spaCy pipeline loads once per
process, on the first request that needs it; one analysis runs at a time."""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ...core.intake import DUPLICATE, take_in
from ...document.article import (
    Article,
    Failure,
    article_from_record,
    parse_published,
    with_dateline_date,
)
from ...errors import InputError
from ...html_pages import article_from_html
from ...readers import read_bytes
from .errors import ERRORS, WRITE_ERRORS, HttpError
from .params import known_parameters
from .security import require_writer

router = APIRouter(prefix="/api", dependencies=[Depends(known_parameters)], responses=ERRORS)

_LOADING = threading.Lock()  # one process loads the pipeline once


class ArticleIn(BaseModel):
    """One article: its text, or an HTML page to take the main text from, with what is known of it."""
    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="The article's text (plain).")
    html: str | None = Field(None, description="An HTML page: its main text and metadata are extracted.")
    id: str | None = Field(None, description="The article's id in your collection.")
    headline: str | None = Field(None, description="Its headline, when the text does not open with it.")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD: relative dates resolve from it.")
    url: str | None = None
    source: str | None = Field(None, description="The outlet that published it.")


class Outcome(BaseModel):
    id: str
    origin: str
    outcome: str  # stored, duplicate or failure
    message: str | None = None
    reason: str | None = None


class IngestReport(BaseModel):
    """What became of the articles sent: read = stored + duplicates + failures."""
    read: int
    stored: int
    duplicates: int
    failures: int
    results: list[Outcome]


def analyzer_of(app) -> "SerialAnalyzer":
    """The app's analyzer, loaded on first use (the spaCy model: a second or two); the API's
    endpoints and the pages share it."""
    with _LOADING:
        if getattr(app.state, "analyzer", None) is None:
            from ...core.analyzer import Analyzer

            app.state.analyzer = SerialAnalyzer(Analyzer(app.state.settings))
        return app.state.analyzer


class SerialAnalyzer:
    """An Analyzer that runs one analysis at a time, whichever thread asks: the pipeline and its
    stages keep state across a document (and the stage timings), so two threads must not share
    it at once. analyze_many holds the turn until its results are all read (or it is closed)."""

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.turn = threading.Lock()

    def analyze(self, *args, **kwargs) -> dict[str, Any]:
        with self.turn:
            return self.analyzer.analyze(*args, **kwargs)

    def analyze_many(self, items):
        with self.turn:
            yield from self.analyzer.analyze_many(items)

    def __getattr__(self, name: str):
        return getattr(self.analyzer, name)


async def one_at_a_time(app, work):
    """Run `work` (blocking: spaCy, the store's writer) in a worker thread, one at a time per
    app. Requests wait on the event loop, not in threads: a queue of analyses never takes the
    threads the listings are answered in."""
    if getattr(app.state, "analysing", None) is None:
        app.state.analysing = asyncio.Lock()
    async with app.state.analysing:
        return await run_in_threadpool(work)


def article_of(given: dict[str, Any], origin: str, default_id: str, max_chars: int) -> Article:
    """An article from one JSON object: `text` read as `eventwire analyze` reads a record, or
    `html` as it reads a page."""
    if not isinstance(given, dict):
        raise InputError(origin, f"expected a JSON object, found {type(given).__name__}",
                         'send {"text": "..."} or {"html": "..."}')
    if (given.get("text") is None) == (given.get("html") is None):
        raise InputError(origin, "give the article as either text or html, not both or neither",
                         'send {"text": "..."} or {"html": "..."}')
    if given.get("html") is None:
        return article_from_record(given, origin, default_id, max_chars)
    if not isinstance(given["html"], str):
        raise InputError(origin, "html is not a string", "send the page as a JSON string")
    page = article_from_html(given["html"], str(given.get("id") or default_id), origin, max_chars)
    published = parse_published(given.get("published"), origin)
    return replace(page, published=published or page.published,
                   published_from="input" if published or page.published else None,
                   url=given.get("url") or page.url, source=given.get("source") or page.source)


@router.post("/analyze", responses={**WRITE_ERRORS, 200: {"description": "The analysis record (docs/schema.md)."}},
             summary="Analyse one article")
async def analyze(request: Request, article: ArticleIn = Body(),
                  store: bool = Query(False, description="Also keep it in the store (needs the bearer token)."),
                  any_language: bool = Query(False, description="Analyse it even when it is not in English.")):
    """One article in, its analysis out: the same record as `eventwire analyze --format json`,
    every fact with its character offsets into the text. Nothing is stored unless store=true."""
    if store:
        require_writer(request)
    app = request.app

    def work() -> tuple[dict[str, Any] | Failure, str | None]:
        """The record (or why there is none), and with store=true what became of it."""
        item = article_of(article.model_dump(exclude_none=True), "request", article.id or "text",
                          app.state.settings.max_chars)
        analyzer = analyzer_of(app)
        if store:
            intake = take_in(app.state.store, analyzer, [with_dateline_date(item)], any_language,
                             allow="send it with any_language=true")
            outcome = intake.results[0]
            if outcome["outcome"] == "failure":
                raise HttpError(422 if outcome.get("reason") != "language" else 400, outcome["message"])
            if 0 in intake.records:
                return intake.records[0], "stored"
            # already stored (the same text): analysed again to answer, not stored twice
            return list(analyzer.analyze_many([item]))[0], DUPLICATE
        return list(analyzer.analyze_many([item]))[0], None

    result, kept = await one_at_a_time(app, work)
    if isinstance(result, Failure):
        raise HttpError(422, result.message)
    return JSONResponse(result, headers={"X-Eventwire-Stored": kept} if kept else None)


@router.post("/articles", response_model=IngestReport, responses=WRITE_ERRORS, summary="Store articles",
             dependencies=[Depends(require_writer)],
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/ArticleIn"},
                                                            {"type": "array",
                                                             "items": {"$ref": "#/components/schemas/ArticleIn"}}]}},
                 "application/x-ndjson": {"schema": {"type": "string"}}}}})
async def ingest(request: Request,
                 any_language: bool = Query(False, description="Analyse articles not in English too.")):
    """Ingest articles as `eventwire ingest` does: one JSON object, a JSON list of them, or JSON
    Lines (Content-Type application/x-ndjson), each {text|html, id?, headline?, published?, url?,
    source?}. An article already stored (the same text) is a duplicate; one that cannot be read or
    analysed is kept as a failure and the rest go on; the store is re-aggregated after."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/json", "application/x-ndjson", "application/jsonl"):
        raise HttpError(415, f"Content-Type {kind or 'none'}: not read here — send application/json (one article "
                             "or a list) or application/x-ndjson (JSON Lines)")
    body = await request.body()  # counted against the body limit as it arrives (security.BodyLimit)
    app = request.app
    max_chars = app.state.settings.max_chars
    given = None
    if kind == "application/json":
        try:
            given = json.loads(body)
        except (ValueError, UnicodeDecodeError) as err:
            raise HttpError(400, f"the body is not JSON ({err}) — send one article object or a list of them")
        if given == []:
            raise HttpError(400, "the body holds no article — send at least one")

    def run():
        # reading (HTML extraction included) happens here, in a worker thread, not on the event loop
        if given is None:
            items = list(read_bytes(body, "request", ".jsonl", "request", max_chars))
        elif isinstance(given, list):
            items = [_read(item, f"request[{n}]", f"request-{n}", max_chars) for n, item in enumerate(given)]
        else:
            items = [_read(given, "request", "request", max_chars)]
        if not items:
            raise HttpError(400, "the body holds no article — send at least one")
        return take_in(app.state.store, analyzer_of(app), [with_dateline_date(i) for i in items], any_language,
                       allow="send it with any_language=true")

    intake = await one_at_a_time(app, run)
    return JSONResponse({**intake.counts, "results": intake.results})


def _read(given: Any, origin: str, default_id: str, max_chars: int) -> Article | Failure:
    try:
        return article_of(given, origin, default_id, max_chars)
    except InputError as err:
        return Failure(str(given.get("id") or default_id) if isinstance(given, dict) else default_id, origin, str(err))
