"""Pairing quotation marks: where the quoted stretches of an article are.

Handles straight and typographic double quotes (" “ ” « » and `` ''), single quotes
(‘ ’ and ' when it is not an apostrophe), nesting, and a paragraph that opens a quote
without closing it when the next paragraph opens again (the newsroom convention for a
quote that runs over several paragraphs). Unbalanced marks never raise: an opening mark
with no partner quotes nothing.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

OPEN_DOUBLE = {"“": "”", "«": "»", "„": "“"}
CLOSE_DOUBLE = {"”", "»"}
# Every character the pairing looks at; the scan jumps from one to the next.
_MARKS = re.compile("[" + re.escape('"`\'' + "".join(OPEN_DOUBLE) + "".join(OPEN_DOUBLE.values()) + "".join(CLOSE_DOUBLE)) + "]")
_SINGLE = re.compile("['‘’]")

from .syntax import text_of


@dataclass(frozen=True)
class Quoted:
    start: int  # index of the opening mark
    end: int  # one past the closing mark
    open_len: int  # length of the opening mark (1, or 2 for ``)
    close_len: int
    continued: bool = False  # runs on from the previous paragraph

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_len, self.end - self.close_len


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """A straight mark that reads as opening: after a space or bracket, before a word."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace()


def _closes(text: str, i: int, start: int, end: int) -> bool:
    """A straight mark that reads as closing: after a word or punctuation, before a space."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014\u2013-")


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum() or (before in "sS" and not after.isalnum() and after not in ",.;:!?")


def find_quoted(text: str) -> list[Quoted]:
    """Quoted stretches of `text`, outermost level only (nested quotes lie inside)."""
    found: list[Quoted] = []
    paragraphs = []
    position = 0
    for line in text.split("\n"):
        paragraphs.append((position, position + len(line)))
        position += len(line) + 1
    left_open: tuple[int, int] | None = None  # (opening mark, paragraph end) carried over
    for start, end in paragraphs:
        if not text[start:end].strip():
            continue
        before = len(found)
        opened = _pair(text, start, end, found)
        if left_open is not None:
            first = text[start:end].lstrip()[:1]
            if first in ('"', "“", "«") and len(found) > before and found[before].start == start + (
                    len(text[start:end]) - len(text[start:end].lstrip())):
                # The quote of the previous paragraph runs on: keep its text as a quote.
                mark, stop = left_open
                found.insert(before, Quoted(mark, stop, 1, 0))
                q = found[before + 1]
                found[before + 1] = Quoted(q.start, q.end, q.open_len, q.close_len, continued=True)
            elif first in ('"', "“", "«") and opened is not None:
                mark, stop = left_open
                found.append(Quoted(mark, stop, 1, 0))
        left_open = None
        if opened is not None:
            stop = end - (len(text[start:end]) - len(text[start:end].rstrip()))
            left_open = (opened, stop)
    found.sort(key=lambda q: q.start)
    return found


def _pair(text: str, start: int, end: int, found: list[Quoted]) -> int | None:
    """Pair the double marks of one paragraph (then single marks outside them).
    Returns the position of a double quote left open at the paragraph end, if any."""
    open_at: int | None = None
    open_len = 1
    closer = None
    i = start
    paragraph_found: list[Quoted] = []
    while i < end:
        mark = _MARKS.search(text, i, end)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        two = text[i:i + 2]
        if open_at is None:
            if two == "``":
                open_at, open_len, closer = i, 2, "''"
                i += 2
                continue
            if ch == '"':
                if not (_closes(text, i, start, end) and not _opens(text, i, start, end)):
                    open_at, open_len, closer = i, 1, '"'
                # else: a stray closing mark with nothing open ('Valencia" by midnight')
            elif ch in OPEN_DOUBLE:
                open_at, open_len, closer = i, 1, OPEN_DOUBLE[ch]
        else:
            if closer == "''" and two == "''":
                paragraph_found.append(Quoted(open_at, i + 2, open_len, 2))
                open_at = None
                i += 2
                continue
            if closer == '"' and ch == '"' and _opens(text, i, start, end) and not _closes(text, i, start, end):
                # Reads as an opening mark: the earlier one was stray ('the "emergency budget ... "We had').
                open_at = i
                i += 1
                continue
            if ch == closer or (closer == '"' and ch in CLOSE_DOUBLE) or (closer != '"' and ch == '"' and closer != "''"):
                paragraph_found.append(Quoted(open_at, i + 1, open_len, 1))
                open_at = None
        i += 1
    left_open = open_at
    # Single quotes, outside double-quoted stretches.
    inside = [(q.start, q.end) for q in paragraph_found]
    single_open: int | None = None
    for mark in _SINGLE.finditer(text, start, end):
        i = mark.start()
        if any(a <= i < b for a, b in inside):
            continue
        ch = text[i]
        if text[i:i + 2] == "''" or (i > start and text[i - 1:i + 1] == "''"):
            continue
        if ch == "’" or ch == "'":
            if _is_apostrophe(text, i):
                continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if single_open is None:
            if ch in "‘'" and (not before.isalnum()) and after.strip() and not after.isspace():
                single_open = i
        elif ch in "’'" and (i + 1 >= end or not after.isalnum()) and before.strip():
            paragraph_found.append(Quoted(single_open, i + 1, 1, 1))
            single_open = None
    paragraph_found.sort(key=lambda q: q.start)
    found.extend(paragraph_found)
    return left_open


class QuoteIndex:
    """Which quotation holds a character: the first region, in list order, around it (an outer
    quotation before one nested in it). A binary search over the regions (ordered by start, as
    find_quoted gives them) with the furthest end reached so far, so a long article with many
    quotations costs a logarithm per question, not a scan."""

    def __init__(self, regions: list[Quoted]):
        self.regions = regions
        self.ordered = all(a.start <= b.start for a, b in zip(regions, regions[1:]))
        self.reach: list[int] = list(itertools.accumulate((r.end for r in regions), max))

    def at(self, position: int) -> Quoted | None:
        if not self.ordered:
            return next((r for r in self.regions if r.start <= position < r.end), None)
        # the first region whose end, or an earlier region's, passes the position
        k = bisect.bisect_right(self.reach, position)
        if k < len(self.regions) and self.regions[k].start <= position:
            return self.regions[k]
        return None


def quoted_regions(doc) -> list[Quoted]:
    """find_quoted for a Doc, computed once and kept with it (coref and quotes both ask)."""
    cached = doc.user_data.get("eventwire.quoted")
    if cached is None:
        cached = doc.user_data["eventwire.quoted"] = find_quoted(text_of(doc))
    return cached
