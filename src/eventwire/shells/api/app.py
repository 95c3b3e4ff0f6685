"""The FastAPI app over one corpus store: `create_app(db)` is what `eventwire serve` runs and
what the tests drive in-process."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from ...store import Store
from ...store.corpus import Corpus

log = logging.getLogger(__name__)

MAX_BODY = 10 * 1024 * 1024  # bytes of a request body: a long article is ~100 kB; a batch fits


def create_app(db: str | None = None, token: str | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The app serving the store at `db` (a path or URL; the default store when None). Writes
    need `token` as a bearer token; without one the app is read-only."""
    store = Store.open(db)
    app = FastAPI(title="eventwire", summary="News as structured, verifiable records: events, quotes, actors.",
                  version=_version())
    app.state.store = store
    app.state.corpus = Corpus(store)
    app.state.token = token
    app.state.max_body = max_body
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
