"""The pages' router: every page route answers with HTML, errors included. A PageError (not
found, a bad id) and an EventwireError (a filter the query layer refuses, a store that cannot be
read) become a friendly page with what to do, caught here per route so that the JSON API's own
error handlers stay the API's."""

from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter, Request
from fastapi.routing import APIRoute
from starlette.routing import Match

from ....errors import EventwireError, StoreError
from .templating import PageError, error_page


class PageRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Any:
            try:
                return await handler(request)
            except PageError as err:
                return error_page(request, err)
            except StoreError as err:
                return error_page(request, PageError(503, "The store cannot be read", str(err),
                                                     "Check that the store is there and readable, then reload."))
            except EventwireError as err:
                return error_page(request, PageError(400, "That request cannot be answered", str(err),
                                                     "Change what the message names and try again."))
        return handle


def page_router() -> APIRouter:
    # pages are not part of the API: kept out of the OpenAPI schema the API is tested against
    return APIRouter(route_class=PageRoute, include_in_schema=False)


def not_found(what: str, hint: str) -> PageError:
    return PageError(404, "Not found", f"There is no {what} in this store.", hint)



class FallbackRoute(PageRoute):
    """Matches only a GET or HEAD outside /api: an unknown API address, or another method, is
    left to the API (its JSON 404 or 405), and routes added later under /api still match."""

    def matches(self, scope):
        path = scope.get("path", "")
        if scope.get("method") not in ("GET", "HEAD") or path == "/api" or path.startswith("/api/"):
            return Match.NONE, {}
        return super().matches(scope)


def fallback_router() -> APIRouter:
    """Installed last: a page address that nothing answers is a 404 page for a person."""
    router = APIRouter(route_class=FallbackRoute, include_in_schema=False)

    @router.get("/{path:path}")
    def nothing_here(path: str):
        raise PageError(404, "Not found", f"There is no page at /{path}.",
                        "Start from the start page, the events table or a search.")
    return router
