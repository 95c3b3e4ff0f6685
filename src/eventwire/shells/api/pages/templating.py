"""The pages' Jinja2 environment (autoescape on for every template: an article's text, a name or
a quote is always text, never markup), the one way a view renders a page, and PageError, the
one way a view says it cannot (a friendly page with what to do, never a stack trace)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from ....errors import EventwireError
from .chart import TYPE_COLOURS

HERE = Path(__file__).parent
PLOVER_TYPES = tuple(TYPE_COLOURS)
# Everything a page loads comes from this server; nothing inline runs, so text that slipped
# through as markup still could not run a script.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class PageError(EventwireError):
    """What a page cannot show, with the HTTP status and what to do instead."""

    def __init__(self, status: int, title: str, message: str, hint: str = ""):
        super().__init__(message)
        self.status, self.title, self.message, self.hint = status, title, message, hint


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["codes"] = _codes
    env.filters["safe_url"] = safe_url
    env.globals["PLOVER_TYPES"] = PLOVER_TYPES
    return env


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.page_templates
    html = env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(request: Request, err: PageError) -> HTMLResponse:
    return render(request, "error.html", status=err.status, error=err)


def _codes(value: Any) -> str:
    """Country or sector codes as stored ("RUS UKR") or listed, for reading: "RUS, UKR"."""
    if not value:
        return "—"
    return ", ".join(value.split() if isinstance(value, str) else value)


def safe_url(value: Any) -> str:
    """A link given with an article, only when it is http(s): a javascript: or data: URL is
    shown as no link at all."""
    url = str(value or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""
