"""The article page (a stored article, every fact highlighted at its evidence) and the analyse
form, whose answer is the same page for a text analysed now and not stored."""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from ....document.article import Failure, parse_published, with_published
from ....errors import EventwireError
from ....html_pages import article_from_html
from ....readers import decode, decode_html
from ....store import lookup
from ..query_threads import reads_store
from ..routes_write import analyzer_of
from . import lookups
from .article_view import article_context
from .routing import not_found, page_router
from .templating import render

router = page_router()
MAX_UPLOAD = 2 * 1024 * 1024  # bytes: a long article is ~100 kB


@router.get("/articles/{article_id}")
@reads_store
def article(request: Request, article_id: str):
    if not article_id.isdigit():
        raise not_found(f"article {article_id}", "Article ids are numbers: find one by searching the articles.")
    corpus = request.app.state.corpus
    stored = lookup.article(corpus.store, int(article_id))
    if stored is None:
        raise not_found(f"article {article_id}", "Search the articles, or open one from an event or a story.")
    context = article_context(stored["record"], lookups.entity_actors(corpus, stored["article"]),
                              lookups.article_events(corpus, stored["article"]))
    return render(request, "article.html", stored=stored, **context)


@router.get("/analyze")
def analyze_form(request: Request):
    return render(request, "analyze.html")


@router.post("/analyze")
async def analyze(request: Request):
    form = await request.form()
    # a browser sends a textarea's line breaks as CRLF whatever was pasted: analyse the text as pasted
    text = str(form.get("text") or "").replace("\r\n", "\n")
    published = str(form.get("published") or "").strip() or None
    upload = form.get("file")
    data = await upload.read(MAX_UPLOAD + 1) if upload is not None and hasattr(upload, "read") else b""
    name = getattr(upload, "filename", "") or "upload"
    if len(data) > MAX_UPLOAD or len(text) > MAX_UPLOAD:
        return _refused(request, text, published, f"That is over {MAX_UPLOAD // 1024 // 1024} MB; give one article.", 413)
    if not data and not text.strip():
        return _refused(request, text, published, "There is nothing to analyse: paste a text or choose a file.")
    try:
        record = await run_in_threadpool(_analyse, request.app, text, data, name, published)
    except EventwireError as err:
        return _refused(request, text, published, str(err))
    return render(request, "article.html", stored=None, **article_context(record))


def _refused(request: Request, text: str, published: str | None, message: str, status: int = 400):
    return render(request, "analyze.html", status=status, text=text, published=published or "", message=message)


def _analyse(app, text: str, data: bytes, name: str, published: str | None) -> dict:
    """The record of the pasted text, or of the file when one was given (HTML: its main text).
    The analyzer is the API's own (loaded on first use, once per process)."""
    analyzer = analyzer_of(app)
    if not data:
        return analyzer.analyze(text, published=published, id="pasted")
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "upload"
    if name.lower().endswith((".html", ".htm")) or data.lstrip()[:1] == b"<":
        page = article_from_html(decode_html(data, name), stem, name)
        result = next(analyzer.analyze_many([with_published(page, parse_published(published, name))]))
        if isinstance(result, Failure):
            raise EventwireError(result.message)
        return result
    return analyzer.analyze(decode(data, name), published=published, id=stem)
