"""Web crawls (WARC and ARC files, gzipped or not): the pages they hold, one record at a time.

A crawl holds far more than pages: requests, metadata, DNS look-ups, revisits, redirects,
errors, images, style sheets and scripts. A page is a `response` record with HTTP status 200
whose Content-Type is HTML or plain text; every other record is passed over without a word, as
it is not an article (robots.txt files too, though they are plain text). Each page is known by
its URL and by where it is in the file, "crawl.warc.gz@1019": the byte offset that
`warcio extract crawl.warc.gz 1019` takes.

The file is streamed, never read whole. One that is cut short or corrupt yields the pages
before the damage, then a Failure that names the byte where reading stopped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .document.article import Failure
from .errors import InputError

CRAWL_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}

_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """One page of a crawl, its content as the server sent it (less any transfer encoding)."""

    url: str
    origin: str  # "crawl.warc.gz@1019": the file and the record's byte offset in it
    kind: str  # "html" or "text"
    charset: str | None  # the charset the HTTP Content-Type header declares
    content: bytes


def is_crawl(path: Path) -> bool:
    return path.name.lower().endswith(CRAWL_SUFFIXES)


def read_pages(path: Path, max_bytes: int) -> Iterator[Page | Failure]:
    """The pages of a crawl file in file order; a Failure for a page over `max_bytes`, for a
    file that is cut short or corrupt (after the pages before the damage) and for a file with
    no page at all."""
    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Failure(path.name, origin, f"{origin}: cannot read it ({err.strerror}) — check the path and permissions")
        return
    with handle:
        yield from _pages(handle, origin, max_bytes)


def _pages(handle: BinaryIO, origin: str, max_bytes: int) -> Iterator[Page | Failure]:
    from warcio.archiveiterator import (
        ArchiveIterator,  # imported here: only crawls need it
    )

    # arc2warc: ARC records get WARC headers (WARC-Target-URI, Content-Length), so one code
    # path reads both
    records = ArchiveIterator(handle, arc2warc=True)
    end = 0  # where the last whole record ended: the damage, if any, is after it
    found = 0
    while True:
        try:
            record = next(records, None)
            if record is None:
                break
            page = _page_of(record, max_bytes)  # reads the content: before the offset is asked
            # the offset is known once the record is read to its end, which asking reads
            offset = records.get_record_offset()
            length = records.get_record_length()
        except Exception as err:  # warcio raises what its parser trips on: ArchiveLoadFailed, zlib.error, AttributeError...
            yield _damaged(origin, end, found, err)
            return
        if not _whole(record):
            yield _damaged(origin, offset, found, None)
            return
        end = offset + length
        if page is None:
            continue
        found += 1
        url, kind, charset, content = page
        where = f"{origin}@{offset}"
        if len(content) > max_bytes:
            yield Failure(url, where, f"{where} ({url}): the page is over the limit of {max_bytes:,} bytes — "
                          "it is almost certainly not an article; the other pages were read")
        else:
            yield Page(url, where, kind, charset, content)
    # warcio ends quietly on a record cut inside its headers: whatever follows the last whole
    # record must be the blank lines between records, or the file was cut
    handle.seek(end)
    if handle.read(4096).strip():
        yield _damaged(origin, end, found, None)
    elif not found:
        yield Failure(Path(origin).name, origin, f"{origin}: holds no web page (no HTML or plain-text response "
                      "with HTTP status 200) — check that it is the crawl you meant")


def _page_of(record, max_bytes: int) -> tuple[str, str, str | None, bytes] | None:
    """(url, kind, charset, content) when the record is a page, else None."""
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    content_type = http.get_header("Content-Type") or ""
    kind = PAGE_TYPES.get(content_type.split(";")[0].strip().lower())
    if kind is None or not url or url.lower().endswith("/robots.txt"):
        return None
    charset = _CHARSET.search(content_type)
    # one byte over the limit is enough to know the page is over it
    content = record.content_stream().read(max_bytes + 1)
    return url, kind, charset.group(1) if charset else None, content


def _whole(record) -> bool:
    """Whether the record holds all the bytes its header declares (warcio hands a record cut by
    the end of the file over as if it were whole)."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    return declared.isdigit() and getattr(record.raw_stream, "limit", 0) == 0


def _damaged(origin: str, at: int, found: int, err: Exception | None) -> Failure:
    said = str(err).strip().splitlines()[0][:120] if err is not None and str(err).strip() else ""
    why = f" ({type(err).__name__}{': ' + said if said else ''})" if err is not None else ""
    read = ("the page before it was read" if found == 1 else f"the {found} pages before it were read") if found else "no page was read"
    if "recompress" in str(err):  # warcio reads a gzipped crawl only as one gzip member a record
        error = InputError(origin, f"is gzipped whole, not a record at a time; {read}",
                           "run warcio recompress on it and read the new file")
    else:
        error = InputError(origin, f"cut short or corrupt at byte {at:,}{why}; {read}",
                           "copy or download the file again, or check that it is a WARC or ARC file")
    return Failure(Path(origin).name, origin, str(error))
