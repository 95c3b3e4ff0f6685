"""Every error the API gives has one JSON shape, {"error": {"status", "message", ...}}, with a
message that says what to change; no stack trace ever leaves the server (it is logged).

    EventwireError (eventwire.errors)
     └── HttpError            a request the API refuses: its status, message and any details
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import EventwireError, InputError, StoreError

log = logging.getLogger(__name__)


class HttpError(EventwireError):
    """A request refused with `status`; `details` go into the body beside the message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None, **details: Any):
        self.status = status
        self.message = message
        self.headers = headers
        self.details = details
        super().__init__(message)


class ErrorBody(BaseModel):
    status: int
    message: str
    accepted: list[str] | None = None  # for an unknown parameter: the ones this endpoint takes
    problems: list[dict[str, Any]] | None = None  # for invalid values: each parameter and what is wrong


class ErrorResponse(BaseModel):
    """What every error response holds."""
    error: ErrorBody


def _error_schema(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


# The errors every endpoint can give, for its OpenAPI entry
ERRORS = {400: _error_schema("A parameter or the body is not one the endpoint takes; the message says what to change."),
          500: _error_schema("A fault of the server: logged there; the body says no more.")}
NOT_FOUND = {404: _error_schema("No such row.")}
WRITE_ERRORS = {401: _error_schema("No bearer token: writes need `Authorization: Bearer TOKEN`."),
                403: _error_schema("The token is wrong, or the server was started without one (read-only)."),
                413: _error_schema("The body is over the server's limit."),
                415: _error_schema("The body's content type is not one the endpoint reads.")}


def error_response(status: int, message: str, headers: dict[str, str] | None = None, **details: Any) -> JSONResponse:
    body = {"status": status, "message": message, **{k: v for k, v in details.items() if v is not None}}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def install_errors(app: FastAPI) -> None:
    """Turn every exception into the one JSON shape."""

    @app.exception_handler(HttpError)
    async def refused(request: Request, err: HttpError) -> JSONResponse:
        return error_response(err.status, err.message, err.headers, **err.details)

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, err: StoreError) -> JSONResponse:
        log.error("store error on %s %s: %s", request.method, request.url.path, err)
        return error_response(503, f"the store cannot answer now ({err.problem}) — try again; if it persists, "
                                   "the server's operator should check the store")

    @app.exception_handler(EventwireError)
    async def bad_input(request: Request, err: EventwireError) -> JSONResponse:
        message = str(err)
        if isinstance(err, InputError):
            message = f"{err.source}: {err.problem} — {err.fix}"
        return error_response(400, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        problems = []
        for item in err.errors():
            where = [str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body", "header")]
            problems.append({"parameter": ".".join(where) or item.get("loc", ["body"])[0],
                             "problem": item.get("msg", "invalid")})
        first = problems[0] if problems else {"parameter": "request", "problem": "invalid"}
        message = f"{first['parameter']}: {first['problem']} — change it and send the request again"
        return error_response(400, message, problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        message = str(err.detail)
        if err.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page — the API's endpoints are listed at /docs"
        elif err.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path} — see /docs for the methods it takes"
        return error_response(err.status_code, message, getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def fault(request: Request, err: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "the server failed on this request; it was logged — if it persists, report it "
                                   "with the request")
