"""The HTML pages, server-rendered beside the JSON API at its paths without /api: the start
page, analyse a text, an article with every fact highlighted at its evidence, events (a
filterable table and one event with all its reports), actors with a timeline chart, quotes by
speaker, stories and search (docs/pages.md).

`install(app)` adds them to an app whose `app.state.corpus` is a store.corpus.Corpus. The
templates (Jinja2, autoescape on) and the static CSS and script are files of this package:
a page loads nothing from anywhere else."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .routing import fallback_router
from .templating import HERE, environment


def install(app: FastAPI) -> None:
    from . import articles, browse, people

    app.state.page_templates = environment()
    for module in (browse, articles, people):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(fallback_router())  # after every other route: it answers what they do not
