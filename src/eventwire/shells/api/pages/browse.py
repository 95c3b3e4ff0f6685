"""The start page, the events table (its CSV download is the API's), one event with all its reports,
and search."""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse

from ....errors import InputError
from ..query_threads import reads_store
from . import lookups
from .routing import not_found, page_router
from .templating import PLOVER_TYPES, render

router = page_router()

# the filters of `eventwire events` (and /api/events), as the table's form names them
TEXT_FILTERS = (
    ("actor", "actor country", "RUS"), ("recipient", "recipient country", "UKR"),
    ("actor_sector", "actor sector", "MIL"), ("recipient_sector", "recipient sector", "GOV"),
    ("actor_name", "actor name", "Putin"), ("recipient_name", "recipient name", ""),
    ("mode", "mode", "aerial"), ("since", "since", "2022-03"), ("until", "until", "2022-W13"),
    ("place", "place", "Kyiv"), ("country", "happened in", "UKR"), ("story", "story", "st-…"),
)
FLAGS = ("negated", "hypothetical")
KNOWN = {name for name, _, _ in TEXT_FILTERS} | {"type", "min_sources", "limit", "offset", *FLAGS}
PAGE_ROWS = 500


@router.get("/")
@reads_store
def home(request: Request):
    corpus = request.app.state.corpus
    return render(request, "home.html", counts=lookups.counts(corpus), articles=lookups.latest_articles(corpus))


@router.get("/events")
@reads_store
def events(request: Request):
    corpus = request.app.state.corpus
    given = {k: v for k, v in request.query_params.items() if v != ""}
    rows, pages, message, status = [], {}, None, 200
    try:
        filters = event_filters(given)
        size = min(filters.pop("limit", None) or PAGE_ROWS, PAGE_ROWS)
        start = filters.pop("offset", None) or 0
        rows = list(corpus.events(**filters, limit=size + 1, offset=start))
        pages = _pages(given, start, size, more=len(rows) > size)
        rows = rows[:size]
        if not rows:
            message = "No event matches these filters."
    except InputError as err:
        message, status = str(err), 400
    return render(request, "events.html", status=status, rows=rows, pages=pages, filters=given,
                  text_filters=TEXT_FILTERS, message=message, csv=_csv_address(given))


@router.get("/events/{event_id}")
@reads_store
def event(request: Request, event_id: str):
    found = request.app.state.corpus.event(event_id)
    if found is None:
        raise not_found(f"event {event_id}", "Event ids look like ev-1a2b3c4d5e6f: find one in the events table.")
    if found["id"] != event_id:  # merged into another event as the corpus grew
        return RedirectResponse(f"/events/{found['id']}", status_code=301)
    for mention in found["mentions"]:
        mention.update(_around(mention.get("sentence") or "", mention.get("trigger") or ""))
    return render(request, "event.html", event=found)


@router.get("/search")
@reads_store
def search(request: Request, q: str = ""):
    rows, message = [], None
    # control characters are never words, and a NUL breaks SQLite's full-text query
    words = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in q)
    if words.strip():
        try:
            rows = [dict(row, pieces=_snippet(row["snippet"]))
                    for row in request.app.state.corpus.search(words, limit=50)]
        except InputError as err:
            message = str(err)
    return render(request, "search.html", rows=rows, q=q, message=message)


def event_filters(given: dict[str, str]) -> dict[str, Any]:
    """The query string's filters as Corpus.events takes them; InputError saying what to change."""
    unknown = sorted(set(given) - KNOWN)
    if unknown:
        raise InputError("filters", f"no filter is called {', '.join(unknown)}",
                         "use " + ", ".join(sorted(KNOWN)))
    filters: dict[str, Any] = {name: given[name] for name, _, _ in TEXT_FILTERS if name in given}
    if "type" in given:
        if given["type"].upper() not in PLOVER_TYPES:
            raise InputError(f"type {given['type']}", "is not a PLOVER event type",
                             "choose one of " + ", ".join(PLOVER_TYPES))
        filters["type"] = given["type"].upper()
    for name, least in (("min_sources", 1), ("limit", 1), ("offset", 0)):
        if name in given:
            if not re.fullmatch(r"\d{1,9}", given[name]) or int(given[name]) < least:
                raise InputError(name.replace("_", " "), f"{given[name]!r} is not a whole number",
                                 f"give {least} or more")
            filters[name] = int(given[name])
    for flag in FLAGS:
        if flag in given:
            filters[flag] = given[flag] not in ("0", "false", "no")
    return filters


def _csv_address(given: dict[str, str]) -> str:
    """The same events from the API as CSV: every row, streamed (the table shows a page)."""
    return "/api/events?" + urlencode({"format": "csv", **{k: v for k, v in given.items() if k != "offset"}})


def _pages(given: dict[str, str], start: int, size: int, more: bool) -> dict[str, object]:
    """Where this page starts and ends, and the addresses of the pages before and after it."""
    def address(offset: int) -> str:
        return "/events?" + urlencode({**{k: v for k, v in given.items() if k != "offset"}, "offset": offset})
    return {"first": start + 1, "previous": address(max(start - size, 0)) if start else None,
            "next": address(start + size) if more else None}


def _around(sentence: str, trigger: str) -> dict[str, str]:
    """The sentence cut around its trigger, to mark the trigger in it."""
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return {"before": sentence, "trigger": "", "after": ""}
    return {"before": sentence[:at], "trigger": trigger, "after": sentence[at + len(trigger):]}


def _snippet(snippet: str) -> list[tuple[str, bool]]:
    """The store marks matched words [like this]: pieces of text, each a hit or not."""
    pieces = re.split(r"\[([^\[\]]*)\]", snippet or "")
    return [(piece, n % 2 == 1) for n, piece in enumerate(pieces) if piece]
