"""Who may write, and how much a request may send: a bearer token for the write endpoints
(compared in constant time), and a limit on request bodies checked on the declared length and
on the bytes as they arrive (a chunked body declares none)."""

from __future__ import annotations

import hmac
import json

from fastapi import Request
from starlette.exceptions import HTTPException

from .errors import HttpError


def require_writer(request: Request) -> None:
    """A dependency of every write: the request must carry the server's token."""
    token = request.app.state.token
    if token is None:
        raise HttpError(403, "this server is read-only: it was started without a token — start it with "
                             "EVENTWIRE_TOKEN set or --token-file to accept writes")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HttpError(401, "writes need the server's token — send the header 'Authorization: Bearer TOKEN'",
                        headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HttpError(403, "the bearer token is not this server's — check the token you were given")


class BodyLimit:
    """ASGI middleware: a body over `limit` bytes is refused with 413 before the app reads it
    (declared length), or as soon as the bytes received pass the limit (streamed)."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await _refuse(send, 400, "the Content-Length header is not a number — send a valid one")
                return
            if length > self.limit:
                await _refuse(send, 413, self._message())
                return
        received = 0
        started = False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge(413, self._message())
            return message

        async def watched_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, self._message())

    def _message(self) -> str:
        return (f"the request body is over this server's limit of {self.limit:,} bytes — send fewer articles "
                "per request (split a JSON Lines batch)")


class _TooLarge(HTTPException):
    """Raised inside the app's receive when a streamed body passes the limit: an HTTP error, so
    that the app's handlers answer it (FastAPI turns other errors while reading a body into 400)."""


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
