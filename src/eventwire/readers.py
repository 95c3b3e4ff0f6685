"""Input readers: files, directories and stdin become `Article`s.

Formats (chosen by file extension; stdin is sniffed):
  .txt and anything else   plain text — see `article_from_text` for the headline rule
  .html .htm               main text and metadata extracted with trafilatura (see `html_pages`)
  .json                    one record {id, text, headline?, published?, url?, source?} or a list of them
  .jsonl .ndjson           one such record a line (blank lines are skipped)
  .warc .warc.gz .arc .arc.gz  a web crawl: each HTML or plain-text page (a response with
                           HTTP status 200) is an article whose id is its URL (see `warc`)
A directory is read recursively, files in name order; a file's id is its path within the
directory, less its extension ("2024/05/a"). HTML is read in the charset it declares, or the
one detected, when it is not UTF-8 (a crawled page: first in the charset its server declared,
as browsers do). A record id used twice in one JSON Lines file is reported
as a failure, not analysed twice. JSON Lines and crawl files are streamed, so they may be of
any size.

Readers never raise for one bad record: they yield a `Failure` naming it and go on.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .document.article import Article, Failure, article_from_record, article_from_text
from .errors import InputError
from .html_pages import article_from_html
from .settings import MAX_CHARS, MAX_FILE_BYTES
from .warc import Page, is_crawl, read_pages

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text from bytes, or an InputError that says what the bytes look like."""
    if b"\x00" in data[:8192]:
        raise InputError(origin, "looks like a binary file, not text",
                         "give a UTF-8 text, HTML, JSON or JSON Lines file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            origin,
            f"is not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})",
            "convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.txt",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
                               re.IGNORECASE)


def decode_html(data: bytes, origin: str, charset: str | None = None) -> str:
    """An HTML page's text: in the `charset` its server declared if it decodes in it, else UTF-8
    if it is, else the charset the page declares, else the one charset-normalizer detects.
    Only a page that is none of these is refused."""
    if b"\x00" in data[:8192]:
        return decode(data, origin)  # the binary-file message
    served = _decode_declared(data, charset)
    if served is not None:
        return served
    try:
        return decode(data, origin)
    except InputError:
        pass
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii")
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    from charset_normalizer import from_bytes  # only pages that are not UTF-8 need it

    best = from_bytes(data).best()
    if best is None:
        raise InputError(origin, "is HTML in no character encoding that could be recognised",
                         "save the page as UTF-8 and read it again")
    return str(best)


# Browsers read a page labelled Latin-1 or ASCII as windows-1252 (the WHATWG Encoding Standard),
# and pages so labelled are written for them: their curly quotes are 0x93 and 0x94.
_AS_BROWSERS_READ = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                     "us-ascii": "cp1252", "ascii": "cp1252"}


def _decode_declared(data: bytes, charset: str | None) -> str | None:
    """The text in the charset a server declared; None without one, or when the bytes are not
    in it, or when they open with a UTF-8 byte order mark (which browsers obey first)."""
    if not charset or data.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        return data.decode(_AS_BROWSERS_READ.get(charset.lower(), charset))
    except (LookupError, UnicodeDecodeError):
        return None


def read_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None, max_chars: int = MAX_CHARS
) -> Iterator[Article | Failure]:
    """Articles from paths ('-' is stdin), in order; a Failure for each bad input."""
    for name in paths:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _read_bytes(data, "stdin", None, "stdin", max_chars)
            continue
        if not name.strip():
            yield Failure("input", repr(name), f"{name!r}: an empty path — give a file, a directory or - for stdin")
            continue
        path = Path(name)
        if path.is_dir():
            # hidden files and directories (.git, .cache) are not articles
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Failure(path.name, name, f"{name}: the directory has no files — point at a directory of articles")
            for file in files:
                # "2024/05/a.txt" and "2024/06/a.txt" are two articles: the id is the path within
                # the directory given, less its extension
                yield from _read_file(file, max_chars, file.relative_to(path).with_suffix("").as_posix())
        elif path.exists():
            yield from _read_file(path, max_chars)
        else:
            yield Failure(path.stem or name, name, f"{name}: no such file or directory — check the path")


def _read_file(path: Path, max_chars: int, id: str | None = None) -> Iterator[Article | Failure]:
    origin = str(path)
    stem = id or path.stem
    if is_crawl(path):  # a crawl's articles are its pages, each known by its URL
        yield from _read_crawl(path, max_chars)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES and path.suffix.lower() not in JSONL_SUFFIXES:
            raise InputError(origin, f"the file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
                             "split it into articles, or use JSON Lines (one article a line)")
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from _read_jsonl(handle, origin, max_chars)
            return
        data = path.read_bytes()
    except InputError as err:
        yield Failure(stem, origin, str(err))
        return
    except OSError as err:
        yield Failure(stem, origin, f"{origin}: cannot read it ({err.strerror}) — check the path and permissions")
        return
    yield from _read_bytes(data, origin, path.suffix.lower(), stem, max_chars)


def read_bytes(data: bytes, origin: str, suffix: str | None, stem: str,
               max_chars: int = MAX_CHARS) -> Iterator[Article | Failure]:
    """Articles from bytes received rather than read from a file (an HTTP request's body), read
    as a file with this suffix would be (.jsonl, .json, .html, .txt; None: sniffed)."""
    return _read_bytes(data, origin, suffix, stem, max_chars)


def _read_bytes(data: bytes, origin: str, suffix: str | None, stem: str,
                max_chars: int) -> Iterator[Article | Failure]:
    try:
        if suffix in HTML_SUFFIXES or (suffix is None and _looks_like_html(data)):
            yield article_from_html(decode_html(data, origin), stem, origin, max_chars)
            return
        text = decode(data, origin)
        if suffix is None:
            suffix = _sniff(text)
        if suffix in JSONL_SUFFIXES:
            # "\n" only: U+2028 and friends are allowed inside JSON strings
            yield from _read_jsonl(iter(text.split("\n")), origin, max_chars)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(text, origin, stem, max_chars)
        elif suffix in HTML_SUFFIXES:
            yield article_from_html(text, stem, origin, max_chars)
        else:
            yield article_from_text(text, stem, origin, max_chars=max_chars)
    except InputError as err:
        yield Failure(stem, origin, str(err))


def _read_crawl(path: Path, max_chars: int) -> Iterator[Article | Failure]:
    # the crawl date (WARC-Date) is not the publication date: the page's own date is used
    for page in read_pages(path, MAX_FILE_BYTES):
        if not isinstance(page, Page):
            yield page
            continue
        try:
            if page.kind == "html":
                article = article_from_html(decode_html(page.content, page.origin, page.charset),
                                            page.url, page.origin, max_chars)
            else:
                text = _decode_declared(page.content, page.charset) or decode(page.content, page.origin)
                article = article_from_text(text, page.url, page.origin, max_chars=max_chars)
            yield replace(article, url=page.url)
        except InputError as err:
            # the offset finds the record; the URL says which page it is
            yield Failure(page.url, page.origin, str(InputError(f"{page.origin} ({page.url})", err.problem, err.fix)))


def _looks_like_html(data: bytes) -> bool:
    head = data.lstrip()[:1000].lower()
    return head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<!--") and b"<html" in head)


def _sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        return ".html"
    if head.startswith("["):
        return ".json"
    if head.startswith("<!--") and "<html" in head:
        return ".html"  # a page saved by a browser opens with a comment
    if head.startswith("{"):
        lines = [line for line in text.split("\n") if line.strip()]
        if len(lines) > 1 and lines[0].rstrip().endswith("}"):
            return ".jsonl"  # one object a line, even if a later line is broken
        return ".json"
    return ".txt"


def _read_json(text: str, origin: str, stem: str, max_chars: int) -> Iterator[Article | Failure]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(origin, f"is not valid JSON ({err.msg} at line {err.lineno} column {err.colno})",
                         "fix the JSON, or use .jsonl for one record a line") from None
    except (RecursionError, ValueError) as err:
        raise InputError(origin, f"cannot be read as JSON ({_short(err)})",
                         "give records of the form {\"id\": ..., \"text\": ...}") from None
    records = value if isinstance(value, list) else [value]
    for n, record in enumerate(records, 1):
        where = f"{origin}[{n}]" if isinstance(value, list) else origin
        default_id = f"{stem}-{n}" if isinstance(value, list) else stem
        try:
            yield article_from_record(record, where, default_id, max_chars)
        except InputError as err:
            yield Failure(_record_id(record, default_id), where, str(err))


def _read_jsonl(lines: Iterable, origin: str, max_chars: int) -> Iterator[Article | Failure]:
    seen: dict[str, str] = {}  # record id -> where it was first used
    for item in _read_jsonl_records(lines, origin, max_chars):
        if isinstance(item, Article):
            first = seen.setdefault(item.id, item.origin)
            if first != item.origin:
                yield Failure(item.id, item.origin, f"{item.origin}: the id {item.id!r} is already used by "
                              f"{first} — give each record its own id; this one was not analysed")
                continue
        yield item


def _read_jsonl_records(lines: Iterable, origin: str, max_chars: int) -> Iterator[Article | Failure]:
    for number, raw in enumerate(lines, 1):
        where = f"{origin}:{number}"
        default_id = f"{Path(origin).stem}-{number}"
        try:
            line = decode(raw, where) if isinstance(raw, bytes) else raw
        except InputError as err:
            yield Failure(default_id, where, str(err))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(default_id, where,
                          f"{where}: not a JSON object ({err.msg} at column {err.colno}) — "
                          "fix or remove this line; the other lines were analysed")
            continue
        except (RecursionError, ValueError) as err:
            yield Failure(default_id, where, f"{where}: cannot be read as JSON ({_short(err)}) — "
                          "fix or remove this line; the other lines were analysed")
            continue
        try:
            yield article_from_record(record, where, default_id, max_chars)
        except InputError as err:
            yield Failure(_record_id(record, default_id), where, str(err))


def _short(err: BaseException) -> str:
    return str(err).split("\n")[0][:120]


def _record_id(record: object, default: str) -> str:
    if isinstance(record, dict) and record.get("id") is not None:
        return str(record["id"])
    return default


