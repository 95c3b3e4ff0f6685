"""When: temporal expressions, found and normalised to TIMEX3 values.

Expressions are matched with patterns built from the word lists in data/timex.toml and
normalised against the publication date (the DCT):
  - weekdays by the tense of their clause: a Monday story's "said Friday" is the
    Friday before, "will meet Friday" the Friday after, "said Monday" that day;
  - this/last/next week, month, year, quarter, season and weekend (2022-W13, 2022-02);
  - explicit dates, months and years; "two days ago", "next Tuesday"; decades
    ("the 1990s" -> 199) and centuries;
  - durations ("for days" -> PXD, "weeks-long" -> PXW, "a month-old war" -> P1M,
    "three years" -> P3Y), sets ("every Monday", "weekly"), clock times and parts of the
    day ("Monday night" -> 2022-03-28TNI), and general references (now, recently, soon).
Without a publication date, relative expressions keep their type and an unresolved
value with X for what is unknown ("XXXX-WXX-5"). Words that only look like dates — the
verb "may", "Sunday Times", "2,014 troops" — are not matched.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Callable

from spacy.tokens import Doc, Token

from ..document.article import CharSpan
from ..document.layers import Timex
from ..knowledge.timex import TimexPatterns
from ..nlp.syntax import text_of
from .base import Resources

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d"}
DEFERRING = {"postpone", "delay", "adjourn", "defer", "extend", "suspend", "push", "move"}


def add_timexes(doc: Doc, resources: Resources) -> None:
    doc._.layers.timexes = find_timexes(doc, resources)


def find_timexes(doc: Doc, resources: Resources) -> list[Timex]:
    patterns: TimexPatterns = resources.knowledge.timex
    article = doc._.article
    dct = article.published if article is not None else None
    text = text_of(doc)
    found: list[tuple[int, int, str]] = []
    near_units = _merge([(max(0, m.start() - 40), min(len(text), m.end() + 12))
                         for m in patterns.unit_word.finditer(text)])
    near_cues = _merge([(max(0, m.start() - 50), min(len(text), m.end() + 50))
                        for m in patterns.cue.finditer(text)])
    near_anchor = {name: _merge([(max(0, m.start() - 40), min(len(text), m.end() + 20)) for m in anchor.finditer(text)])
                   for name, anchor in patterns.anchors.items()}
    for name, regex in patterns.patterns:
        windows = near_anchor.get(name)
        if windows is None:
            windows = near_units if name in patterns.near_unit else near_cues
        for start, end in windows:
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
    taken: list[tuple[int, int, str]] = []
    for start, end, name in found:
        if any(start < e and s < end for s, e, _ in taken):
            continue
        taken.append((start, end, name))
    taken.sort()
    normaliser = Normaliser(doc, patterns, dct)
    out = []
    for start, end, name in taken:
        timex = normaliser.normalise(start, end, name)
        if timex is not None:
            out.append(timex)
    return out


_LEAD = re.compile(r"(?:in|since|until|till|by|from|during|before|after|at|on|within|for) ", re.IGNORECASE)


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


_NAME_LABELS = {"ORG", "WORK_OF_ART", "PERSON", "FAC", "EVENT", "PRODUCT"}


class Normaliser:
    def __init__(self, doc: Doc, patterns: TimexPatterns, dct: date | None):
        self.doc = doc
        self.p = patterns
        self.w = patterns.words
        self.dct = dct

    # ---- helpers -----------------------------------------------------------------

    def _tokens(self, start: int, end: int):
        return self.doc.char_span(start, end, alignment_mode="expand")

    def _in_name(self, start: int, end: int) -> bool:
        """Part of a name ("the Sunday Times", "Black Friday Sales Ltd")?"""
        span = self._tokens(start, end)
        if span is None:
            return False
        # inside one name: every token in a name, none starting another
        if len(span) and all(t.ent_type_ in _NAME_LABELS for t in span) and not any(t.ent_iob_ == "B" for t in span[1:]):
            return True
        after = self.doc[span.end] if span.end < len(self.doc) else None
        return after is not None and after.is_title and after.pos_ == "PROPN" and after.ent_type_ in ("ORG", "WORK_OF_ART")

    def _number(self, word: str) -> Any:
        word = word.lower()
        if word.isdigit():
            return int(word)
        return self.w.numbers.get(word, "X")

    def _unit(self, word: str) -> str:
        return self.w.units[word.lower()]

    def _tense(self, start: int, end: int) -> str:
        """past, future or present, from the verb the expression belongs to."""
        span = self._tokens(start, end)
        if span is None:
            return "past"
        token: Token = span.root
        for _ in range(4):
            if token.pos_ in ("VERB", "AUX"):
                break
            if token.head.i == token.i:
                break
            token = token.head
        words = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")} | {token.lower_}
        if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
            # "will take effect ... and remain until Wednesday": the first verb's auxiliaries
            words |= {c.lower_ for c in token.head.children if c.dep_ in ("aux", "auxpass")}
        if words & {"will", "'ll", "shall", "wo"}:
            return "future"
        if token.tag_ == "VBN" and "to" in words and (token.head.lemma_.lower() in self.w.future_words
                                                     or token.head.lower_ in self.w.future_words):
            return "future"  # "due to be sworn in on January 1"
        if token.tag_ == "VB" and words & MODALS and "have" not in words:
            return "future"  # "would worsen on Tuesday", "could fall over the weekend"
        before = self.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in ("until", "till") and "had" not in words and (
                token.tag_ not in ("VBD", "VBN") or token.lemma_ in DEFERRING):
            return "future"  # "postponed until Saturday", "will stay until June"
        if token.tag_ in ("VBD", "VBN"):
            # "is due to arrive", "was scheduled to meet": the future of a past plan
            if token.lemma_ in ("schedule", "set", "due", "expect", "plan") and any(
                    c.dep_ == "xcomp" for c in token.children):
                return "future"
            return "past"
        if token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children):
            head = token.head
            if head.lemma_.lower() in self.w.future_words or head.lower_ in self.w.future_words:
                return "future"
        if token.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in token.children):
            return "future"  # "is meeting Friday"
        if token.tag_ in ("VBZ", "VBP"):
            if token.lemma_ in ("say", "tell", "add"):
                return "past"
            return "present"
        return "past"

    def _week(self, day: date) -> str:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"

    def _month_shift(self, months: int) -> tuple[int, int]:
        y, m = self.dct.year, self.dct.month + months
        while m < 1:
            y, m = y - 1, m + 12
        while m > 12:
            y, m = y + 1, m - 12
        return y, m

    def _rel(self, words: list[str]) -> int | None:
        for word in words:
            if word in self.w.previous:
                return -1
            if word in self.w.following:
                return 1
            if word in self.w.current:
                return 0
        return None

    # ---- the rules ---------------------------------------------------------------

    def normalise(self, start: int, end: int, rule: str) -> Timex | None:
        text = text_of(self.doc)[start:end]
        handler: Callable = getattr(self, "_" + rule.replace("-", "_"))
        result = handler(text, start, end)
        if result is None:
            return None
        type_, value, *rest = result
        mod = rest[0] if rest else None
        if rule == "year":
            # "since 2014": the year alone is the expression
            inner = re.search(self.p.fragments.year + r"$", text)
            start, mod = self._part_of(start + inner.start(), rule, mod)
            return Timex(CharSpan(start, end), type_, value, mod, rule)
        # Leading prepositions are not part of the expression, except in "for days".
        lead = re.match(r"(?:in|since|until|by|from|during|before|after|at|on|within) ", text, re.IGNORECASE)
        if lead and rule not in ("for_units", "for-units") and not (rule == "in-n-units" and type_ == DURATION and text.lower().startswith("within")):
            start += lead.end()
        if type_ == DATE:
            start, mod = self._part_of(start, rule, mod)
        return Timex(CharSpan(start, end), type_, value, mod, rule)

    _PART = re.compile(r"(?:\b(early|late)\s+|\b(mid)-|\bthe (end|beginning|start|middle) of\s+)$", re.IGNORECASE)
    _PART_MOD = {"early": "START", "late": "END", "mid": "MID", "end": "END", "beginning": "START",
                 "start": "START", "middle": "MID"}

    def _part_of(self, start: int, rule: str, mod: str | None) -> tuple[int, str | None]:
        """ "late last year", "early 2023", "the end of 2024": the part of the period is
        part of the expression."""
        if rule not in ("year", "year-start", "rel-unit", "my", "rel-month", "decade", "season"):
            return start, mod
        text = text_of(self.doc)
        match = self._PART.search(text, max(0, start - 30), start)
        if match is None or match.end() != start:
            return start, mod
        word = next(g for g in match.groups() if g).lower()
        return match.start(), mod or self._PART_MOD[word]

    def _end_of(self, text, start, end):
        words = text.lower().split()
        result = self._rel_unit("this " + words[-1], start, end)
        return result[0], result[1], self._PART_MOD[words[1]]

    def _iso(self, text, start, end):
        return DATE, text

    def _mdy(self, text, start, end):
        m = re.match(rf"({self.p.fragments.month}) (\d{{1,2}})(?:st|nd|rd|th)?,? ({self.p.fragments.year})", text)
        return DATE, f"{m[3]}-{self._month_number(m[1]):02d}-{int(m[2]):02d}"

    def _dmy(self, text, start, end):
        m = re.match(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({self.p.fragments.month}),? ({self.p.fragments.year})", text)
        return DATE, f"{m[3]}-{self._month_number(m[2]):02d}-{int(m[1]):02d}"

    def _md(self, text, start, end):
        m = re.match(rf"({self.p.fragments.month}) (\d{{1,2}})", text)
        month, day = self._month_number(m[1]), int(m[2])
        if not 1 <= day <= 31:
            return None
        return DATE, f"{self._year_of(month, day, start, end)}-{month:02d}-{day:02d}"

    def _dm(self, text, start, end):
        m = re.match(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({self.p.fragments.month})", text)
        month, day = self._month_number(m[2]), int(m[1])
        if not 1 <= day <= 31 or (m[2].lower().rstrip(".") in self.w.ambiguous_months and " of " not in text):
            return None
        return DATE, f"{self._year_of(month, day, start, end)}-{month:02d}-{day:02d}"

    def _year_of(self, month: int, day: int, start: int, end: int) -> str:
        """The year of a day named without one: the publication year, unless the tense
        points across New Year ("will be sworn in on January 1", written December 30)."""
        if self.dct is None:
            return "XXXX"
        year = self.dct.year
        try:
            this = date(year, month, day)
        except ValueError:
            return str(year)
        gap = (this - self.dct).days
        if gap < -182 and self._tense(start, end) == "future":
            return str(year + 1)
        if gap > 182 and self._tense(start, end) == "past":
            return str(year - 1)
        return str(year)

    def _my(self, text, start, end):
        m = re.match(rf"(?:(early|mid|late)[- ])?({self.p.fragments.month}),? ({self.p.fragments.year})", text)
        mod = {"early": "START", "mid": "MID", "late": "END"}.get((m[1] or "").lower())
        return DATE, f"{m[3]}-{self._month_number(m[2]):02d}", mod

    def _month_bare(self, text, start, end):
        # "the October runoff": a month named alone, read by the tense of its clause
        if self._in_name(start, end):
            return None
        return self._rel_month(text, start, end)

    def _rel_month(self, text, start, end):
        words = text.lower().replace("-", " ").split()
        month = self._month_number(words[-1])
        if words[-1].rstrip(".") in self.w.ambiguous_months and words[0] not in ("in", "since", "until", "by", "from", "during", "last", "next", "this", "early", "mid", "late", "before", "after"):
            return None
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(words[0])
        if self.dct is None:
            return DATE, f"XXXX-{month:02d}", mod
        shift = self._rel(words[:-1])
        year = self.dct.year
        if shift == -1 or (shift is None and month > self.dct.month and self._tense(start, end) == "past"):
            year -= 1 if month >= self.dct.month else 0
        elif shift == 1 and month <= self.dct.month:
            year += 1
        return DATE, f"{year}-{month:02d}", mod

    def _wd_part(self, text, start, end):
        if self._in_name(start, end):
            return None
        words = text.lower().split()
        rel = self._rel(words[:1]) if len(words) > 1 and words[0] not in self.w.weekdays else None
        day_word = next(x for x in words if x in self.w.weekdays)
        weekday = self.w.weekdays[day_word]
        part = self.w.parts.get(words[-1]) if words[-1] in self.w.parts else None
        if self.dct is None:
            value = f"XXXX-WXX-{weekday}"
        else:
            today = self.dct.isoweekday()
            if rel == -1:
                delta = (today - weekday) % 7 or 7
                day = self.dct - timedelta(days=delta)
            elif rel == 1:
                delta = (weekday - today) % 7 or 7
                day = self.dct + timedelta(days=delta)
            else:
                tense = self._tense(start, end)
                if weekday == today:
                    day = self.dct
                elif tense == "future":
                    day = self.dct + timedelta(days=(weekday - today) % 7)
                else:
                    day = self.dct - timedelta(days=(today - weekday) % 7)
            value = day.isoformat()
        if part:
            return TIME, f"{value}T{part}"
        return DATE, value

    def _rel_unit(self, text, start, end):
        words = text.lower().split()
        unit = words[-1]
        rel = self._rel(words)
        mod = {"earlier": "BEFORE", "later": "AFTER"}.get(words[0])
        if unit == "weekend":
            return self._the_weekend(text, start, end)
        if self.dct is None:
            return DATE, {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX",
                          "decade": "XXX", "century": "XX"}[unit], mod
        if unit == "week":
            return DATE, self._week(self.dct + timedelta(weeks=rel or 0))
        if unit == "month":
            y, m = self._month_shift(rel or 0)
            return DATE, f"{y}-{m:02d}"
        if unit == "year":
            return DATE, str(self.dct.year + (rel or 0))
        if unit == "quarter":
            q = (self.dct.month - 1) // 3 + 1 + (rel or 0)
            y = self.dct.year + (q - 1) // 4
            return DATE, f"{y}-Q{(q - 1) % 4 + 1}"
        if unit == "decade":
            return DATE, str((self.dct.year // 10) + (rel or 0))[:3]
        if unit == "century":
            return DATE, str(self.dct.year // 100 + (rel or 0))
        return None

    def _the_weekend(self, text, start, end):
        words = text.lower().split()
        if self.dct is None:
            return DATE, "XXXX-WXX-WE"
        rel = self._rel(words) or 0
        if words[0] == "the":
            rel = -1 if self._tense(start, end) == "past" and self.dct.isoweekday() < 6 else (
                1 if self._tense(start, end) == "future" else 0)
        return DATE, self._week(self.dct + timedelta(weeks=rel)) + "-WE"

    def _deictic(self, text, start, end):
        words = text.lower().split()
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[words[0]]
        part = self.w.parts.get(words[-1]) if len(words) > 1 else ("NI" if words[0] == "tonight" else None)
        value = (self.dct + timedelta(days=shift)).isoformat() if self.dct else "XXXX-XX-XX"
        if part:
            return TIME, f"{value}T{part}"
        return DATE, value

    def _this_part(self, text, start, end):
        words = text.lower().split()
        shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[words[0]]
        if words[0] == "last" and words[1] != "night":
            shift = -1
        value = (self.dct + timedelta(days=shift)).isoformat() if self.dct else "XXXX-XX-XX"
        return TIME, f"{value}T{self.w.parts[words[1]]}"

    def _ago(self, text, start, end):
        words = text.lower().split()
        n = self._number(words[0]) if words[0] not in ("a", "several") or words[1] != "few" else "X"
        unit = self._unit(words[-2])
        if self.dct is None or n == "X":
            return DATE, {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}.get(unit[-1], "XXXX")
        return DATE, self._shift(-n, unit)

    def _shift(self, n: int, unit: str) -> str:
        if unit == "D":
            return (self.dct + timedelta(days=n)).isoformat()
        if unit in ("W", "2W"):
            return self._week(self.dct + timedelta(weeks=n * (2 if unit == "2W" else 1)))
        if unit == "M":
            y, m = self._month_shift(n)
            return f"{y}-{m:02d}"
        if unit == "Y":
            return str(self.dct.year + n)
        if unit == "10Y":
            return str(self.dct.year + 10 * n)[:3]
        return self.dct.isoformat()

    def _in_n_units(self, text, start, end):
        words = text.lower().split()
        n = self._number(words[1]) if words[1] not in ("a",) or len(words) < 4 else "X"
        unit = self._unit(words[-1])
        if words[0] == "within" or n == "X" or self.dct is None or unit in ("H", "M") and words[-1].startswith("min"):
            return DURATION, self._duration(n, unit)
        return DATE, self._shift(n, unit)

    def _duration(self, n: Any, unit: str) -> str:
        if unit in ("H", "S") or (unit == "M" and False):
            return f"PT{n}{unit}"
        if unit == "2W":
            return f"P{2 * n if isinstance(n, int) else 'X'}W"
        if unit == "10Y":
            return f"P{10 * n if isinstance(n, int) else 'X'}Y" if n != "X" else "PXE"
        if unit == "100Y":
            return f"P{n}CE" if n != "X" else "PXCE"
        return f"P{n}{unit}"

    def _quarter(self, text, start, end):
        words = text.lower().replace("-", " ").split()
        word = next(x for x in words if x in self.w.ordinals or x in ("last", "final"))
        q = 4 if word in ("last", "final") else self.w.ordinals[word]
        year_match = re.search(self.p.fragments.year, text)
        year = year_match[0] if year_match else (str(self.dct.year) if self.dct else "XXXX")
        return DATE, f"{year}-Q{q}"

    def _q_code(self, text, start, end):
        q = text[1]
        year_match = re.search(self.p.fragments.year, text)
        year = year_match[0] if year_match else (str(self.dct.year) if self.dct else "XXXX")
        return DATE, f"{year}-Q{q}"

    def _season(self, text, start, end):
        words = text.lower().replace("-", " ").split()
        season = next(self.w.seasons[x] for x in words if x in self.w.seasons)
        year_match = re.search(self.p.fragments.year, text)
        if year_match:
            return DATE, f"{year_match[0]}-{season}"
        if self.dct is None:
            return DATE, f"XXXX-{season}"
        rel = self._rel(words) or 0
        year = self.dct.year + rel
        if season == "WI" and rel == -1 and self.dct.month <= 3:
            year = self.dct.year - 1
        return DATE, f"{year}-{season}"

    def _decade(self, text, start, end):
        m = re.search(r"(1[5-9]|20)(\d)0s", text)
        mod = "START" if "early" in text.lower() else "MID" if "mid" in text.lower() else "END" if "late" in text.lower() else None
        if m:
            return DATE, m[1] + m[2], mod
        short = re.search(r"'(\d)0s", text)
        return DATE, "19" + short[1], mod

    def _century(self, text, start, end):
        n = int(re.search(r"\d+", text)[0])
        return DATE, f"{n - 1:02d}"

    def _year(self, text, start, end):
        return DATE, re.search(self.p.fragments.year + r"$", text)[0]

    def _year_start(self, text, start, end):
        return DATE, text

    def _for_units(self, text, start, end):
        unit = self._unit(text.split()[-1])
        return DURATION, self._duration("X", unit)

    def _dur_long(self, text, start, end):
        lower = text.lower()
        mod = "MORE_THAN" if lower.startswith(("more than", "over")) else "APPROX" if lower.startswith(("nearly", "almost")) else None
        m = re.search(rf"(?:({self.p.fragments.number})[- ])?({self.p.fragments.unit})[- ](?:long|old)", lower)
        unit_word = m[2]
        n = self._number(m[1]) if m[1] else ("X" if unit_word.endswith("s") else 1)
        return DURATION, self._duration(n, self._unit(unit_word)), mod

    def _dur_hyphen(self, text, start, end):
        n, unit_word = text.lower().rsplit("-", 1)
        return DURATION, self._duration(self._number(n), self._unit(unit_word))

    def _past_n(self, text, start, end):
        words = text.lower().split()
        unit = self._unit(words[-1])
        n = self._number(words[2]) if len(words) == 4 else 1
        return DURATION, self._duration(n, unit)

    def _n_units(self, text, start, end):
        lower = text.lower()
        words = lower.split()
        mod = "MORE_THAN" if lower.startswith(("more than", "over")) else "APPROX" if lower.startswith(("nearly", "almost", "about", "some")) else None
        unit = self._unit(words[-1])
        number = words[-2]
        if number == "few":
            n = "X"
        else:
            n = self._number(number)
        if n == "X" and number in ("a", "an"):
            n = 1
        if isinstance(n, int) and n > 1000:
            return None
        if number in ("a", "an", "one") and not mod and unit in ("Y", "M", "W", "D"):
            # "a year" on its own is usually "a year ago"/"a year-long", handled elsewhere;
            # as a bare duration it is still a duration.
            pass
        return DURATION, self._duration(n, unit), mod

    def _set(self, text, start, end):
        word = text.lower().split()[-1]
        if word in self.w.weekdays:
            return SET, f"XXXX-WXX-{self.w.weekdays[word]}"
        return SET, {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "morning": "XXXX-XX-XXTMO",
                     "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE",
                     "summer": "XXXX-SU", "winter": "XXXX-WI"}[word]

    def _set_adv(self, text, start, end):
        lower = text.lower()
        for key, value in (("day", "P1D"), ("daily", "P1D"), ("nightly", "P1D"), ("week", "P1W"), ("weekly", "P1W"),
                           ("month", "P1M"), ("monthly", "P1M"), ("year", "P1Y"), ("annually", "P1Y"), ("yearly", "P1Y")):
            if key in lower:
                return SET, value
        return None

    def _clock(self, text, start, end):
        lower = text.lower().replace("at ", "")
        if lower.startswith("noon"):
            hh, mm = 12, 0
        elif lower.startswith("midnight"):
            hh, mm = 24, 0
        else:
            m = re.match(r"(\d{1,2})(?::(\d\d))? ?([ap])", lower)
            hh, mm = int(m[1]), int(m[2] or 0)
            if hh > 12:
                return None
            if m[3] == "p" and hh != 12:
                hh += 12
            if m[3] == "a" and hh == 12:
                hh = 0
        day = self.dct.isoformat() if self.dct else "XXXX-XX-XX"
        after = re.search(r"(?:today|tomorrow|yesterday|tonight|(?:(?:this|next|last) )?[A-Za-z]+day)$", text)
        if after is not None and after.start() > 0:
            # "11 p.m. tomorrow", "7 a.m. Wednesday": the day as its own expression says
            named = after[0]
            rule = "deictic" if named.split()[-1].lower() in ("today", "tomorrow", "yesterday", "tonight") else "wd_part"
            resolved = getattr(self, "_" + rule)(named, start, end)  # the tense of the whole expression
            if resolved is not None:
                day = resolved[1].split("T")[0]
        return TIME, f"{day}T{hh:02d}:{mm:02d}"

    def _ref(self, text, start, end):
        return DATE, self.p.refs[text.lower()]

    def _month_number(self, word: str) -> int:
        return self.w.months[word.lower().rstrip(".")]
