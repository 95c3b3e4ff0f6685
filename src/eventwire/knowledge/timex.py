"""The words of temporal expressions (data/timex.toml) and the patterns compiled from them.

Knowledge, not a stage: loaded once by `Knowledge.load` and read by the timexes stage.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class TimexWords:
    weekdays: dict[str, int]
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    seasons: dict[str, str]
    units: dict[str, str]
    numbers: dict[str, Any]
    ordinals: dict[str, int]
    parts: dict[str, str]
    previous: frozenset[str]
    following: frozenset[str]
    current: frozenset[str]
    present_ref: tuple[str, ...]
    past_ref: tuple[str, ...]
    future_ref: tuple[str, ...]
    future_words: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> "TimexWords":
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(
            weekdays=raw["weekdays"], months=raw["months"], ambiguous_months=frozenset(raw["ambiguous_months"]),
            seasons=raw["seasons"], units=raw["units"], numbers=raw["numbers"], ordinals=raw["ordinals"],
            parts=raw["parts_of_day"], previous=frozenset(raw["previous"]), following=frozenset(raw["following"]),
            current=frozenset(raw["current"]), present_ref=tuple(raw["present_ref"]),
            past_ref=tuple(raw["past_ref"]), future_ref=tuple(raw["future_ref"]),
            future_words=frozenset(raw["future_words"]),
        )

def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))

class TimexPatterns:
    """The compiled patterns; built once per Knowledge."""

    def __init__(self, words: TimexWords):
        self.words = w = words
        cap = lambda ws: "|".join(sorted({x.capitalize() for x in ws} | {x.upper() for x in ws}, key=len, reverse=True))
        full_months = [m for m, n in w.months.items() if len(m) > 3]
        short_months = [m for m, n in w.months.items() if len(m) <= 4 and m not in full_months]
        self.MON = rf"(?:{cap(full_months)}|(?:{cap(short_months)})\.?)"
        self.WD = rf"(?:{cap([d for d in w.weekdays if len(d) > 3])})"
        self.YEAR = r"(?:1[5-9]\d\d|20\d\d)"
        self.NUM = rf"(?:\d+|{_alt(w.numbers)})"
        self.UNIT = rf"(?:{_alt(w.units)})"
        self.REL = rf"(?:{_alt(w.previous | w.following | w.current)})"
        P = self.patterns = []
        add = lambda name, pattern, flags=0: P.append((name, re.compile(pattern, flags)))
        # Patterns that need a unit word are only tried near one: most of a text has none,
        # and an optional prefix makes the engine try every position.
        self.unit_word = re.compile(rf"\b(?:{_alt(w.units)})\b", re.IGNORECASE)
        self.bare_year = re.compile(r"(?:1[5-9]\d\d|20\d\d)")
        self.near_unit = {"dur-long", "n-units", "ago", "in-n-units", "past-n", "for-units"}
        # Every expression holds one of these words or a digit; the rest are tried only
        # around them.
        cues = (set(w.weekdays) | set(w.months) | set(w.seasons) | set(w.units) | set(w.parts)
                | {r.split()[-1] for r in (*w.present_ref, *w.past_ref, *w.future_ref)}
                | {"today", "yesterday", "tomorrow", "tonight", "weekend", "weekends", "quarter", "noon", "midnight",
                   "daily", "weekly", "monthly", "annually", "yearly", "nightly", "now", "nowadays"})
        self.cue = re.compile(rf"\b(?:{_alt(cues)})\b|\d", re.IGNORECASE)
        # ... and some only around the one word they cannot do without.
        self.anchors = {
            "season": re.compile(rf"\b(?:{_alt(w.seasons)})\b", re.IGNORECASE),
            "dur-hyphen": re.compile(r"-(?:hour|day|week|month|year|minute|decade)\b", re.IGNORECASE),
            "ref": re.compile(rf"\b(?:{_alt(r.split()[-1] for r in (*w.present_ref, *w.past_ref, *w.future_ref))})\b",
                              re.IGNORECASE),
            "decade": re.compile(r"\d0s\b"),
            "quarter": re.compile(r"quarter", re.IGNORECASE),
            "century": re.compile(r"century", re.IGNORECASE),
            "my": re.compile(r"\b(?:1[5-9]|20)\d\d\b"),
            "rel-unit": re.compile(r"\b(?:week|month|year|weekend|quarter|decade|century)\b", re.IGNORECASE),
        }
        YEAR, MON, WD, NUM, UNIT, REL = self.YEAR, self.MON, self.WD, self.NUM, self.UNIT, self.REL
        i = re.IGNORECASE
        add("iso", rf"\b{YEAR}-\d\d-\d\d\b")
        add("mdy", rf"\b{MON} \d{{1,2}}(?:st|nd|rd|th)?,? {YEAR}\b")
        add("dmy", rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MON},? {YEAR}\b")
        add("md", rf"\b{MON} \d{{1,2}}(?:st|nd|rd|th)?\b(?!\d|,\d)")
        add("dm", rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MON}\b")
        add("my", rf"\b(?:(?:early|mid|late)[- ])?{MON},? {YEAR}\b")
        add("month-bare", rf"\b(?:{cap([m for m in full_months if m not in w.ambiguous_months])})\b")
        add("rel-month", rf"\b(?:{REL}|(?:early|mid|late)[- ]|(?:in|since|until|by|from|during|before|after) ){MON}\b")
        add("wd-part", rf"\b(?:{REL} )?{WD}(?: (?:morning|afternoon|evening|night))?\b")
        add("end-of", r"\bthe (?:end|beginning|start|middle) of the (?:year|month|week|decade)\b", i)
        add("rel-unit", rf"\b(?:(?:earlier|later) )?(?:{REL}) (?:week|month|year|weekend|quarter|decade|century)\b", i)
        add("the-weekend", r"\b(?:the|this|last|next) weekend\b", i)
        add("deictic", r"\b(?:today|yesterday|tomorrow|tonight)(?: (?:morning|afternoon|evening|night))?\b", i)
        add("this-part", r"\b(?:this|last|yesterday|tomorrow) (?:morning|afternoon|evening|night)\b", i)
        add("ago", rf"\b(?:{NUM}|a few|several) {UNIT} ago\b", i)
        add("in-n-units", rf"\b(?:in|within) (?:{NUM}|a few|several) {UNIT}\b", i)
        add("quarter", rf"\b(?:the )?(?:{_alt(w.ordinals)}|last|final)[- ]quarter(?: of {YEAR})?\b", i)
        add("q-code", rf"\bQ[1-4](?: {YEAR})?\b")
        add("season", rf"\b(?:(?:{REL}|the|early|late|mid-?) )?(?:{_alt(w.seasons)})(?: of)? {YEAR}\b|\b(?:{REL}) (?:{_alt(w.seasons)})\b", i)
        add("decade", r"\b(?:the )?(?:early |mid-|late )?(?:1[5-9]|20)\d0s\b|\bthe '\d0s\b", i)
        add("century", r"\bthe \d{1,2}(?:st|nd|rd|th) century\b", i)
        add("year", rf"\b(?:in|In|since|Since|by|until|till|from|From|before|after|during|of|around|circa|through|early|late|mid|year|the year) {YEAR}\b(?![,.]\d|-\d)(?! (?:troops|people|soldiers|votes|cases|deaths|members|workers|residents))")
        add("year-start", rf"(?:^|(?<=\n)){YEAR}\b(?= was| is| saw| marked| will)")
        add("for-units", r"\b(?:for|within) (?:hours|days|weeks|months|years|decades)\b", i)
        add("dur-long", rf"\b(?:more than |nearly |almost |over )?(?:(?:{NUM})[- ])?{UNIT}[- ](?:long|old)\b", i)
        counts = [x for x, v in w.numbers.items() if isinstance(v, int) and x not in ("a", "an")]
        add("dur-hyphen", rf"\b(?:\d+|{_alt(counts)})-(?:hour|day|week|month|year|minute|decade)\b", i)
        add("past-n", rf"\bthe (?:past|last|previous|next|coming) (?:{NUM} )?{UNIT}\b", i)
        add("n-units", rf"\b(?:more than |nearly |almost |over |about |some )?(?:{NUM}|a few|several) {UNIT}\b", i)
        add("set", rf"\b(?:every|each) (?:{WD}|day|week|month|year|morning|night|evening|weekend|summer|winter)\b", i)
        add("set-adv", r"\b(?:daily|weekly|monthly|annually|yearly|nightly|twice a (?:day|week|month|year)|once a (?:day|week|month|year))\b", i)
        add("clock", rf"\b(?:at )?(?:\d{{1,2}}(?::\d\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b)|noon\b|midnight\b)"
                     rf"(?: (?:today|tomorrow|yesterday|tonight|(?:on |this |next |last )?{WD}))?", i)
        refs = [(r, "PRESENT_REF") for r in w.present_ref] + [(r, "PAST_REF") for r in w.past_ref] + \
               [(r, "FUTURE_REF") for r in w.future_ref]
        add("ref", r"\b(?:" + _alt(r for r, _ in refs) + r")\b", i)
        self.refs = dict((r.lower(), v) for r, v in refs)
