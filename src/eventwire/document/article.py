"""An article as it enters the pipeline, and the rules that make one from text or a record.

`Article` is the exact text to analyse plus what we know about it; `Failure` an input that could
not become one, and why. Nothing here reads files (that is `readers`) or needs spaCy, so the API
can turn a JSON body into an Article as the CLI turns a file into one.

Every span is character offsets into the article text: `CharSpan(start, end)`, half-open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from ..errors import InputError
from ..settings import MAX_CHARS


@dataclass(frozen=True, slots=True, order=True)
class CharSpan:
    """A half-open range of characters [start, end) in the article text."""

    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start:self.end]

    def to_json(self, text: str) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end]}

    def overlaps(self, other: "CharSpan") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "CharSpan") -> bool:
        return self.start <= other.start and other.end <= self.end

    @classmethod
    def of(cls, span) -> "CharSpan":
        """From a spaCy Span or Token."""
        if hasattr(span, "start_char"):
            return cls(span.start_char, span.end_char)
        return cls(span.idx, span.idx + len(span.text))

@dataclass
class Article:
    """One input document: the exact text to analyse and what we know about it."""

    id: str
    text: str
    published: date | None = None
    headline: CharSpan | None = None
    standfirst: CharSpan | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None  # a headline given as metadata that is not part of the text
    origin: str = "<text>"  # where it came from, for messages: a path, "stdin", "feed.jsonl:12"
    published_from: str | None = None  # "input", "option" or None

@dataclass
class Failure:
    """An input record that could not be analysed, and why."""

    id: str
    origin: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "error": self.message}


# A headline is one short line; a standfirst is a short second line. Longer lines are
# body paragraphs (wire-copy paragraphs run 150-400 characters).
HEADLINE_MAX = 200

STANDFIRST_MAX = 250

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

def parse_published(value: object, source: str) -> date | None:
    """A publication date from 'YYYY-MM-DD' or an ISO timestamp that starts with one."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()  # a timestamp: its day
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value).strip())
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise InputError(
        source, f"publication date {value!r} is not a date", "write it as YYYY-MM-DD (e.g. 2022-03-28)"
    )

def article_from_text(
    text: str,
    id: str,
    origin: str = "<text>",
    published: date | None = None,
    max_chars: int = MAX_CHARS,
) -> Article:
    """An article from plain text, the text kept exactly as given.

    Headline rule: the first non-blank line is the headline when it is at most
    200 characters long and more text follows. The next non-blank line is the
    standfirst when it is at most 250 characters and more text follows. Everything
    else is body. Without a short first line there is no headline.
    """
    check_text(text, origin, max_chars)
    lines = _lines(text)
    headline = standfirst = None
    if len(lines) >= 2 and lines[0][1] - lines[0][0] <= HEADLINE_MAX:
        headline = CharSpan(*lines[0])
        if len(lines) >= 3 and lines[1][1] - lines[1][0] <= STANDFIRST_MAX:
            standfirst = CharSpan(*lines[1])
    return Article(id=id, text=text, published=published, headline=headline,
                   standfirst=standfirst, origin=origin,
                   published_from="input" if published else None)

def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, surrounding whitespace excluded."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            spans.append((match.start() + lead, match.end() - trail))
    return spans

_SURROGATE = re.compile("[\ud800-\udfff]")

# The tokenizer's time grows with the square of a run without spaces ("((((..."):
# no prose has one this long (a long URL is a few hundred characters).
LONGEST_RUN = 5_000

_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1},}}")

def check_text(text: str, origin: str, max_chars: int = MAX_CHARS) -> None:
    if not isinstance(text, str):
        raise InputError(origin, "the text is not a string", 'give the article as "text": "..."')
    if not text.strip():
        raise InputError(origin, "the text is empty", "give an article with some text in it")
    if len(text) > max_chars:
        raise InputError(
            origin,
            f"the text has {len(text):,} characters, over the limit of {max_chars:,}",
            "split it into separate articles (one per record or file)",
        )
    if "\x00" in text:
        raise InputError(origin, "the text contains NUL bytes (binary data?)",
                         "give plain UTF-8 text, HTML, JSON or JSON Lines")
    bad = _SURROGATE.search(text)
    if bad is not None:
        raise InputError(origin, f"the text holds an unpaired surrogate (\\u{ord(bad.group()):04x} at character {bad.start():,}), "
                         "which is not a character", "re-encode the text as UTF-8 (a JSON escape like \\ud800 on its own is broken)")
    run = _LONG_RUN.search(text)
    if run is not None:
        raise InputError(origin, f"the text has a run of {len(run.group()):,} characters without a space at character "
                         f"{run.start():,}, which is not prose", f"remove it or break it up (the limit is {LONGEST_RUN:,})")

def article_from_record(
    record: object, origin: str, default_id: str, max_chars: int = MAX_CHARS
) -> Article:
    """An article from a JSON record {id, text, headline?, published?, url?, source?}.
    Without a headline field the text's first short line is its headline, as for
    text files."""
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, found {type(record).__name__}",
                         'give one object per record: {"id": ..., "text": ...}')
    if "text" not in record:
        raise InputError(origin, 'the record has no "text" field', 'add the article as "text": "..."')
    text = record["text"]
    check_text(text, origin, max_chars)
    raw_id = record.get("id", default_id)
    article_id = str(raw_id) if raw_id is not None else default_id
    published = parse_published(record.get("published"), origin)
    headline = None
    title = record.get("headline") or record.get("title")
    if isinstance(title, str) and title.strip():
        start = text.find(title.strip())
        if start != -1 and not text[:start].strip():
            headline = CharSpan(start, start + len(title.strip()))
            title = None
    else:
        title = None
    standfirst = None
    if headline is None and title is None:
        # No headline given: read the text as a text file is read (first short line).
        plain = article_from_text(text, article_id, origin, max_chars=max_chars)
        headline, standfirst = plain.headline, plain.standfirst
    return Article(
        id=article_id, text=text, published=published, headline=headline, standfirst=standfirst,
        url=_str_or_none(record.get("url")), source=_str_or_none(record.get("source")),
        title=title, origin=origin, published_from="input" if published else None,
    )

def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None

def with_published(item: Article | Failure, published: date | None) -> Article | Failure:
    """Apply a publication date given by the user (it overrides the input's own)."""
    if published is None or isinstance(item, Failure):
        return item
    return replace(item, published=published, published_from="option")


_MONTHS = {name: n for n, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for name in names}
# "BRASILIA, May 6, 2024 —", "LAGOS, Nigeria, Sept. 3, 2023 (Reuters) -": a place in capitals,
# perhaps its country, then a full date (a day and month alone say no year: no date then).
_DATELINE_DATE = re.compile(
    r"[A-Z][A-Z .'\u2019-]{2,}(?:,\s*[A-Z][\w .'-]*)?(?:\s*\([^)]{1,30}\))?,?\s+"
    r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def dateline_date(text: str) -> date | None:
    """The date a dateline at the start of one of the first lines gives, if it gives a whole one."""
    for line in text.lstrip().split("\n")[:3]:
        match = _DATELINE_DATE.match(line.strip())
        if match and match.group(1).lower() in _MONTHS:
            try:
                return date(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
            except ValueError:
                return None
    return None


def with_dateline_date(item: Article | Failure) -> Article | Failure:
    """An article with no publication date takes its dateline's, marked as such."""
    if isinstance(item, Failure) or item.published is not None:
        return item
    found = dateline_date(item.text)
    return item if found is None else replace(item, published=found, published_from="dateline")
