"""`eventwire serve`: the HTTP API and the pages over one corpus store, on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ...errors import EventwireError
from .common import fail
from .ingest import DB_HELP

TOKEN_ENV = "EVENTWIRE_TOKEN"


@click.command()
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on: the loopback address by default, so only this machine can connect.")
@click.option("--port", type=int, default=8000, show_default=True, help="The port to listen on.")
@click.option("--token-file", default=None, type=click.Path(dir_okay=False), metavar="FILE",
              help=f"A file holding the bearer token that writes need (or set {TOKEN_ENV}); without one the "
                   "server is read-only.")
def serve(db, host, port, token_file) -> None:
    """Serve the store over HTTP: the JSON API under /api (its schema at /openapi.json, docs at
    /docs) and the pages to read it. Writes (POST /api/articles, /api/analyze?store=true) need
    `Authorization: Bearer TOKEN`."""
    import uvicorn

    from ..api.app import create_app

    token = read_token(token_file)
    try:
        app = create_app(db, token=token)
    except EventwireError as err:
        fail(str(err))
    if token is None:
        click.echo(f"read-only: no token ({TOKEN_ENV} or --token-file), so POST /api/articles and "
                   "/api/analyze?store=true are refused", err=True)
    click.echo(f"serving {app.state.store.name} on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def read_token(token_file: str | None) -> str | None:
    """The write token: the file's first line, else the environment's; None when neither is set."""
    if token_file is not None:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as err:
            fail(f"--token-file {token_file}: cannot read it ({err.strerror}) — give a readable file")
        if not token:
            fail(f"--token-file {token_file}: the file is empty — put the token on its first line")
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None
