"""An HTML page's article: its headline and main text (trafilatura), as an `Article`.

The text is the headline, a line break, then the main text, so the headline is a real span of
the text, and it is there once. A page nested deeper than libxml2 builds a tree (256 levels)
is flattened below `MAX_DEPTH` before extraction, its text kept, so its article is not lost.
Reading and decoding the page is `readers`' work; this module takes the page's text.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from .document.article import Article, CharSpan, check_text, parse_published
from .errors import InputError
from .settings import MAX_CHARS


def article_from_html(html: str, id: str, origin: str, max_chars: int = MAX_CHARS) -> Article:
    """Main text and metadata from an HTML page (trafilatura).

    The analysed text is the headline, a line break, then the extracted main text, so the
    headline is a real span of the text, and it is there once: a body that opens with the
    headline (most pages repeat their <h1>) loses that line.
    """
    import trafilatura  # imported here: it costs 0.3 s and only HTML needs it
    from lxml.etree import LxmlError

    try:
        tree = _page_tree(html)  # None: not HTML at all
        doc = None if tree is None else trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True)
    except (LxmlError, RecursionError, ValueError) as err:
        said = (str(err).strip().splitlines() or [""])[0][:120]
        raise InputError(origin, f"the HTML cannot be read ({type(err).__name__}: {said})",
                         "pass the article's text as a .txt file") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title, body = _headline_once((getattr(doc, "title", None) or "").strip(), body)
    if not body:
        raise InputError(origin, "no article text found in the HTML",
                         "check that the page holds an article, or pass its text as a .txt file")
    text = f"{title}\n{body}" if title else body
    check_text(text, origin, max_chars)
    published = None
    try:
        published = parse_published(getattr(doc, "date", None), origin)
    except InputError:
        published = None  # a page's date metadata is often junk; the user can give the date
    headline = CharSpan(0, len(title)) if title else None
    return Article(id=id, text=text, published=published, headline=headline,
                   url=getattr(doc, "url", None), source=getattr(doc, "sitename", None),
                   origin=origin, published_from="input" if published else None)


# Between a headline and the site's name in a page title: "Talks resume | Reuters"
_SITE_SEPARATOR = r"\s+(?:[|\u2013\u2014\u00b7\u00bb-]|::)\s+"
_CLOSING = ".!?;:,\u2026"  # punctuation a headline may end with in one place and not another


def _headline_once(title: str, body: str) -> tuple[str, str]:
    """The headline and the body without it. A body that opens with the title, or with the
    title less the site's name ("Headline | Outlet"), opens with the headline as the page
    shows it: that line is the headline, and the body is what follows it."""
    first, _, rest = body.partition("\n")
    line, whole = _comparable(first), _comparable(title)
    if not title or not line:
        return title, body
    head = re.escape(line) + f"[{_CLOSING}]*"
    if line == whole or re.fullmatch(rf"{head}{_SITE_SEPARATOR}.+|.+{_SITE_SEPARATOR}{head}", whole):
        return first.strip(), rest.strip()
    return title, body


def _comparable(line: str) -> str:
    """A line as a reader compares headlines: blind to spacing, case and closing punctuation."""
    return " ".join(line.split()).casefold().rstrip(_CLOSING + " ")


# libxml2 stops building a page's tree 256 elements deep (without a word), losing any article
# below that: a page nested deeper than this (no real page is) is flattened before extraction.
MAX_DEPTH = 200
# Elements that end a paragraph, where a flattened page's text is laid out as paragraphs
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "section", "article", "main", "header", "footer", "aside", "nav",
           "table", "tr", "td", "th", "figure", "figcaption", "hr", "form"}
_NOT_TEXT = {"script", "style", "noscript", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CLOSES_ITS_SIBLING = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}  # <li>a<li>b: two items


def _page_tree(html: str):
    """The page's element tree as trafilatura builds it, from the page flattened first when
    libxml2 would cut it; None when it is not HTML."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is not None and _too_deep(tree):
        flat = _Flattener()
        flat.feed(html)
        flat.close()
        tree = trafilatura.load_html("".join(flat.out))
    return tree


def _too_deep(tree) -> bool:
    from lxml.etree import iterwalk  # walks, where a recursive walk would overflow

    level = 0
    for event, _ in iterwalk(tree, events=("start", "end")):
        level += 1 if event == "start" else -1
        if level > MAX_DEPTH:
            return True
    return False


class _Flattener(HTMLParser):
    """The page rewritten with what is nested deeper than `MAX_DEPTH` laid out as paragraphs
    (its tags dropped, its text kept in order). Python's HTML parser builds no tree, so it
    has no depth to run out of."""

    def __init__(self):
        super().__init__(convert_charrefs=False)  # entities are passed on as written
        self.out: list[str] = []
        self.open: list[str] = []  # the elements open here, outermost first
        self.opened = Counter()  # how many of each are open: "is a <div> open?" without a scan

    def handle_starttag(self, tag, attrs):
        if self.open and self.open[-1] == tag and tag in _CLOSES_ITS_SIBLING:
            self.opened[self.open.pop()] -= 1
        self._tag(tag, self.get_starttag_text())
        if tag not in _VOID:
            self.open.append(tag)
            self.opened[tag] += 1

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.opened[tag]:  # an end tag closes what it encloses, as browsers do
            while (closed := self.open.pop()) != tag:
                self.opened[closed] -= 1
            self.opened[tag] -= 1
        self._tag(tag, f"</{tag}>")

    def _tag(self, tag: str, written: str) -> None:
        if len(self.open) < MAX_DEPTH:
            self.out.append(written)
        elif tag in _BLOCKS and self.out[-1:] != ["<p>"]:
            self.out.append("<p>")  # a new paragraph, in the element at the deepest level kept

    def handle_data(self, data):
        if len(self.open) <= MAX_DEPTH or self.open[-1] not in _NOT_TEXT:
            self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")
