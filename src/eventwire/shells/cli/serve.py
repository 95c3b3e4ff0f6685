"""`eventwire serve`: the HTTP API and the pages over one corpus store, on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ...errors import EventwireError
from .common import fail
from .ingest import DB_HELP

TOKEN_ENV = "EVENTWIRE_TOKEN"
WORKER_DB_ENV = "EVENTWIRE_SERVE_DB"  # set by `serve --workers N` for its worker processes only
WORKER_THREADS_ENV = "EVENTWIRE_SERVE_QUERY_THREADS"  # likewise


@click.command()
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on: the loopback address by default, so only this machine can connect.")
@click.option("--port", type=int, default=8000, show_default=True, help="The port to listen on.")
@click.option("--token-file", default=None, type=click.Path(dir_okay=False), metavar="FILE",
              help=f"A file holding the bearer token that writes need (or set {TOKEN_ENV}); without one the "
                   "server is read-only.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Server processes (uvicorn workers) answering requests: more than one uses more cores, each "
                   "process with its own connections to the store (and its own model, once it analyses).")
@click.option("--query-threads", type=click.IntRange(min=1), default=None, metavar="N",
              help="Reads of the store each process runs at once (2 unless given); other requests wait their "
                   "turn in order. More suit a PostgreSQL store on another machine, whose queries wait on the "
                   "network.")
@click.option("--access-log", is_flag=True,
              help="Log every request on standard error (uvicorn's access log): off by default, since writing "
                   "its line cost a sixth of the server's own CPU per request; errors are logged either way.")
def serve(db, host, port, token_file, workers, query_threads, access_log) -> None:
    """Serve the store over HTTP: the JSON API under /api (its schema at /openapi.json, docs at
    /docs) and the pages to read it. Writes (POST /api/articles, /api/analyze?store=true) need
    `Authorization: Bearer TOKEN`."""
    import uvicorn

    from ..api.app import create_app

    token = read_token(token_file)
    try:
        app = create_app(db, token=token, query_threads=query_threads)
    except EventwireError as err:
        fail(str(err))
    if token is None:
        click.echo(f"read-only: no token ({TOKEN_ENV} or --token-file), so POST /api/articles and "
                   "/api/analyze?store=true are refused", err=True)
    click.echo(f"serving {app.state.store.name} on http://{host}:{port}/ (API docs at /docs)"
               + (f" with {workers} processes" if workers > 1 else ""), err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)
        return
    # each server process makes its own app with worker_app, from the environment it inherits;
    # the app made above has opened (and, if old, migrated) the store once already, so the
    # processes do not race to migrate it
    os.environ[WORKER_DB_ENV] = db or ""
    os.environ[WORKER_THREADS_ENV] = str(query_threads or "")
    if token is not None:
        os.environ[TOKEN_ENV] = token
    app.state.store.engine.dispose()  # its connections are not the processes' to share
    from .serve_processes import BALANCED, serve_processes

    if BALANCED:  # a listening socket each, the kernel sharing the connections out (serve_processes.py)
        serve_processes(host, port, workers, access_log)
        return
    uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, host=host, port=port, log_level="info",
                access_log=access_log)


def worker_app():
    """The app of one worker process of `eventwire serve --workers N`: the store and the token
    the command was given, from the environment it set."""
    from ..api.app import create_app

    threads = os.environ.get(WORKER_THREADS_ENV, "")
    return create_app(os.environ.get(WORKER_DB_ENV) or None, token=os.environ.get(TOKEN_ENV, "").strip() or None,
                      query_threads=int(threads) if threads.isdigit() else None)


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
