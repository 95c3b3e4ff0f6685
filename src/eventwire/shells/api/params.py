"""What a request may ask: every endpoint takes only the parameters it declares (an unknown or
repeated one is a 400 that names it and lists those it takes, never silently ignored), the
output format (a `format` parameter, else the Accept header), and the page (limit and cursor)."""

from __future__ import annotations

import base64
import binascii
import json

from fastapi import Request

from .errors import HttpError

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
               "tsv": "text/tab-separated-values; charset=utf-8", "jsonl": "application/x-ndjson",
               "parquet": "application/vnd.apache.parquet",
               "polecat": "text/tab-separated-values; charset=utf-8", "plover": "application/x-ndjson"}
LISTING_FORMATS = ("json", "csv", "tsv", "jsonl", "parquet")
EVENT_FORMATS = (*LISTING_FORMATS, "polecat", "plover")
PAGE_SIZE = 100  # rows in a JSON page when the request gives no limit
LARGEST_NUMBER = 2**53  # any count or number a parameter takes: beyond it no database integer goes
LARGEST_JSON_PAGE = 1000  # more in one JSON body is slow to build and read: stream another format

_ACCEPTED: dict[int, frozenset[str]] = {}


async def known_parameters(request: Request) -> None:
    """A dependency of every API route: refuse a query parameter the route does not declare, or
    one given twice. Async, though it never waits: a plain function would be run in a thread of
    the pool, a hand-over that cost more than the check itself, at every request."""
    route = request.scope.get("route")
    if route is None:
        return
    accepted = _ACCEPTED.get(id(route))
    if accepted is None:
        accepted = frozenset(_query_names(route.dependant))
        _ACCEPTED[id(route)] = accepted
    listed = ", ".join(sorted(accepted)) or "none"
    if "\x00" in request.scope.get("path", ""):
        raise HttpError(400, "the path holds a NUL character — remove it")
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in accepted]
    if unknown:
        named = ", ".join(repr(name) for name in unknown)
        raise HttpError(400, f"unknown parameter{'s' * (len(unknown) > 1)} {named} — {request.url.path} takes: "
                             f"{listed}", accepted=sorted(accepted))
    for name in request.query_params:
        if any("\x00" in value for value in request.query_params.getlist(name)):
            # no text in the store holds one; SQLite would cut the value there, PostgreSQL refuse it
            raise HttpError(400, f"parameter {name!r} holds a NUL character — remove it")
        if len(request.query_params.getlist(name)) > 1:
            raise HttpError(400, f"parameter {name!r} is given more than once — give it once",
                            accepted=sorted(accepted))


def _query_names(dependant) -> set[str]:
    """The query parameters a route declares, its dependencies' included."""
    names = {field.alias for field in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


def chosen_format(request: Request, given: str | None, offered: tuple[str, ...]) -> str:
    """The format asked for by the `format` parameter, else by the Accept header, else JSON."""
    if given is not None:
        return given
    accept = request.headers.get("accept", "")
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        for fmt in offered:
            if fmt in ("polecat", "plover"):
                continue  # asked for by name only: they share their media type with tsv and jsonl
            if media == MEDIA_TYPES[fmt].split(";")[0] or (fmt == "jsonl" and media == "application/jsonl"):
                return fmt
    return "json"


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Rows to skip for this cursor: 0 for none. A cursor is what a previous page gave as `next`."""
    if not cursor:
        return 0
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = value["offset"]
        if isinstance(offset, int) and not isinstance(offset, bool) and 0 <= offset <= LARGEST_NUMBER:
            return offset
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        pass
    raise HttpError(400, "cursor: not a cursor this server gave — pass the `next` value of the previous page, "
                         "or leave it out for the first page")
