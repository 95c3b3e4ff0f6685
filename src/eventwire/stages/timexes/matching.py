"""Where the temporal expressions are: the character spans the patterns match, one name each.

Each pattern is tried only in windows around the words it cannot do without (a unit
word, a month, a weekday, a number...: knowledge/timex.py says which), because most of a
text holds none. The words are found in one pass over the text's words, not by a regex
alternation of them (that cost 40 % of the stage). Overlapping matches are settled longest
first; an expression inside a longer one is part of it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...knowledge.timex import TimexPatterns
from ...nlp.syntax import text_of

Match = tuple[int, int, str]  # start, end, pattern name

_LEAD = re.compile(r"(?:in|since|until|till|by|from|during|before|after|at|on|within|for) ", re.IGNORECASE)


def find_expressions(doc: Doc, patterns: TimexPatterns) -> list[Match]:
    """The expressions of the Doc, in text order, none overlapping another."""
    text = text_of(doc)
    found: list[Match] = []
    windows = _word_windows(text, patterns)
    for name, anchor in patterns.regex_anchors.items():
        windows[name] = _windows(text, anchor, 40, 20)
    for name, regex in patterns.patterns:
        for start, end in windows.get(patterns.window_of[name], ()):
            for match in regex.finditer(text, start, end):
                found.append((match.start(), match.end(), name))
    found = list(dict.fromkeys(found))  # in pattern order: ties are broken by it
    for ent in doc.ents:
        # a year on its own ("the 2020 race", "Independence Day (1996)") when NER reads it as a date
        if ent.label_ == "DATE" and patterns.bare_year.fullmatch(ent.text):
            found.append((ent.start_char, ent.end_char, "year-start"))
    # Longest first, not counting a leading preposition ("by August" is shorter than
    # "August 31"); an expression inside a longer one is part of it.
    found.sort(key=lambda m: (-(m[1] - m[0] - _lead_length(text, m[0], m[1])), m[0]))
    taken: list[Match] = []
    for start, end, name in found:
        if any(start < e and s < end for s, e, _ in taken):
            continue
        taken.append((start, end, name))
    taken.sort()
    return taken


_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


def _word_windows(text: str, patterns: TimexPatterns) -> dict[str, list[tuple[int, int]]]:
    """kind -> the stretches of text around the words of that kind (and around numbers for
    the kinds a number anchors), overlapping ones merged: one pass over the words."""
    spans: dict[str, list[tuple[int, int]]] = {}
    kinds_of, sizes, default = patterns.word_kinds, patterns.window_sizes, patterns.default_window
    length = len(text)
    for match in _WORD.finditer(text):
        kinds = kinds_of.get(match[0].lower())
        if kinds:
            for kind in kinds:
                before, after = sizes.get(kind, default)
                spans.setdefault(kind, []).append((max(0, match.start() - before), min(length, match.end() + after)))
    for match in _DIGITS.finditer(text):
        for kind in patterns.digit_kinds:
            before, after = sizes.get(kind, default)
            spans.setdefault(kind, []).append((max(0, match.start() - before), min(length, match.end() + after)))
    return {kind: _merge(stretches) for kind, stretches in spans.items()}


def _windows(text: str, regex: re.Pattern, before: int, after: int) -> list[tuple[int, int]]:
    """The stretches of text from `before` characters before each match of regex to
    `after` characters after it, overlapping ones merged."""
    return _merge([(max(0, m.start() - before), min(len(text), m.end() + after)) for m in regex.finditer(text)])


def _lead_length(text: str, start: int, end: int) -> int:
    lead = _LEAD.match(text, start, end)
    return lead.end() - start if lead else 0


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
