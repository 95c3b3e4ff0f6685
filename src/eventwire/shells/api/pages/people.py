"""Actors (one with its timeline chart), quotes by speaker, and stories with who ran them."""

from __future__ import annotations

from fastapi import Request

from ....errors import InputError
from ....store import lookup
from ..query_threads import reads_store
from .chart import timeline_svg
from .routing import not_found, page_router
from .templating import render

router = page_router()
LISTED = 200  # rows a list page shows; the API and the CLI give them all


@router.get("/actors")
@reads_store
def actors(request: Request, name: str = "", country: str = ""):
    rows = list(request.app.state.corpus.actors(name=name or None, country=country or None, limit=LISTED))
    message = None if rows else "No actor matches."
    return render(request, "actors.html", rows=rows, name=name, country=country, message=message)


@router.get("/actors/{actor_id}")
@reads_store
def actor(request: Request, actor_id: str):
    corpus = request.app.state.corpus
    found = lookup.actor(corpus.store, actor_id, limit=LISTED)
    if found is None:
        raise not_found(f"actor {actor_id}", "Find the actor by name on the actors page, or search the articles.")
    name = found["name"]
    charts = {"actor": timeline_svg(corpus.timeline(name), f"Events by {name}, per week", "by-actor"),
              "recipient": timeline_svg(corpus.timeline(name, recipient=True), f"Events to {name}, per week",
                                        "to-actor")}
    return render(request, "actor.html", actor=found, charts=charts,
                  quotes=list(corpus.quotes(speaker=name, limit=LISTED)),
                  as_actor=list(corpus.events(actor_name=name, limit=LISTED)),
                  as_recipient=list(corpus.events(recipient_name=name, limit=LISTED)))


@router.get("/quotes")
@reads_store
def quotes(request: Request, speaker: str = "", words: str = ""):
    groups: dict[str, list] = {}
    message = None
    try:
        for row in request.app.state.corpus.quotes(speaker=speaker or None, words=words or None, limit=LISTED):
            groups.setdefault(row["speaker"] or "unknown speaker", []).append(row)
    except InputError as err:
        message = str(err)
    ordered = sorted(groups.items(), key=lambda pair: -len(pair[1]))
    return render(request, "quotes.html", groups=ordered, speaker=speaker, words=words, message=message)


@router.get("/stories")
@reads_store
def stories(request: Request):
    return render(request, "stories.html", rows=list(request.app.state.corpus.stories(limit=LISTED)))


@router.get("/stories/{story_id}")
@reads_store
def story(request: Request, story_id: str):
    corpus = request.app.state.corpus
    found = lookup.story(corpus.store, story_id)
    if found is None:
        raise not_found(f"story {story_id}", "The stories page lists every story of 2 or more articles.")
    events = list(corpus.events(story=story_id, limit=LISTED))
    return render(request, "story.html", story=found, articles=found["articles"], events=events)
