"""The FastAPI app over one corpus store: `create_app(db)` is what `eventwire serve` runs and
what the tests drive in-process."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from ...settings import Settings
from ...store import Store
from ...store.corpus import Corpus
from .query_threads import QUERY_THREADS

log = logging.getLogger(__name__)

API_DESCRIPTION = ("The corpus store over HTTP: events counted once however many articles report them, "
                   "their mentions with evidence, quotes, actors, stories, full-text search; and analysis of "
                   "new articles. Every error is JSON: {\"error\": {\"status\", \"message\"}}. See docs/api.md.")
MAX_BODY = 10 * 1024 * 1024  # bytes of a request body: a long article is ~100 kB; a batch fits


def create_app(db: str | None = None, token: str | None = None, max_body: int = MAX_BODY,
               query_threads: int | None = None) -> FastAPI:
    """The app serving the store at `db` (a path or URL; the default store when None). Writes
    need `token` as a bearer token; without one the app is read-only. `query_threads`: how many
    reads of the store run at once (query_threads.py)."""
    from .errors import install_errors
    from .routes_lists import router as listings
    from .routes_rows import router as rows
    from .routes_write import router as writes
    from .security import BodyLimit

    store = Store.open(db)
    # /docs is our own page (docs_page.py): FastAPI's loads Swagger UI from a CDN, and the server
    # must work with no internet. No CORS middleware: other sites' scripts cannot read the API.
    app = FastAPI(title="eventwire", summary="News as structured, verifiable records: events, quotes, actors.",
                  description=API_DESCRIPTION, version=_version(), docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.corpus = Corpus(store)
    app.state.token = token
    app.state.max_body = max_body
    app.state.query_threads = query_threads or QUERY_THREADS
    app.state.settings = Settings.from_env()  # EVENTWIRE_MODEL and the rest, as for the CLI
    app.state.analyzer = None  # loaded by the first request that analyses (routes_write.py)
    install_errors(app)
    app.add_middleware(BodyLimit, limit=max_body)
    for router in (listings, rows, writes):
        app.include_router(router)
    from .docs_page import router as docs_page

    app.include_router(docs_page)
    try:
        from .pages import install
    except ImportError as err:
        if err.name != f"{__package__}.pages":  # a broken pages module is a bug, not an absence
            raise
    else:
        install(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "0"
