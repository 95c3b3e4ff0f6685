"""The words of temporal expressions (data/timex.toml) and the patterns compiled from them.

Knowledge, not a stage: loaded once by `Knowledge.load` and read by the timexes stage.
Each pattern has a name; the stage keeps one normalisation rule per name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable


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
    smaller_units: dict[str, tuple[str, int]]
    fractions: dict[str, float]
    set_adverbs: dict[str, str]
    time_zones: tuple[str, ...]
    reporting_verbs: frozenset[str]
    bare_unit_leads: tuple[str, ...]
    duration_mods: dict[str, str]

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
            smaller_units={unit: (smaller, int(n)) for unit, (smaller, n) in raw["smaller_units"].items()},
            fractions=raw["fractions"], set_adverbs=raw["set_adverbs"], time_zones=tuple(raw["time_zones"]),
            reporting_verbs=frozenset(raw["reporting_verbs"]), bare_unit_leads=tuple(raw["bare_unit_leads"]),
            duration_mods=raw["duration_mods"],
        )

    @property
    def references(self) -> list[tuple[str, str]]:
        """General references ("now", "recently", "soon") with their TIMEX3 values."""
        return ([(phrase, "PRESENT_REF") for phrase in self.present_ref]
                + [(phrase, "PAST_REF") for phrase in self.past_ref]
                + [(phrase, "FUTURE_REF") for phrase in self.future_ref])

    @property
    def full_months(self) -> list[str]:
        return [month for month in self.months if len(month) > 3]


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first so that "weeks" wins over "week"."""
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))


def _capitalised(words: Iterable[str]) -> str:
    """An alternation of the words as names are written: "March" or "MARCH", never "march"."""
    forms = {word.capitalize() for word in words} | {word.upper() for word in words}
    return "|".join(sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Fragments:
    """The regex pieces the patterns are made of; the rules re-read values with them."""

    month: str      # a month's name or abbreviation: "March", "Mar.", "DEC"
    weekday: str    # a weekday's full name: "Monday"
    year: str       # a year from 1500 to 2099
    number: str     # digits or a number word: "3", "three", "a", "several"
    unit: str       # a unit of time: "day", "weeks", "fortnight", "decade"
    relative: str   # a word that places a period against now: "last", "next", "this"

    @classmethod
    def build(cls, words: TimexWords) -> "Fragments":
        abbreviations = [month for month in words.months if len(month) <= 3]
        return cls(
            month=rf"(?:{_capitalised(words.full_months)}|(?:{_capitalised(abbreviations)})\.?)",
            weekday=rf"(?:{_capitalised([day for day in words.weekdays if len(day) > 3])})",
            year=r"(?:1[5-9]\d\d|20\d\d)",
            number=rf"(?:\d+|{_alternatives(words.numbers)})",
            unit=rf"(?:{_alternatives(words.units)})",
            relative=rf"(?:{_alternatives(words.previous | words.following | words.current)})",
        )


class TimexPatterns:
    """The compiled patterns; built once per Knowledge.

    `patterns` is the ordered list of (name, regex) — the order breaks ties between
    matches of the same length. The other attributes say where in a text each pattern
    is worth trying at all.
    """

    def __init__(self, words: TimexWords):
        self.words = words
        self.fragments = Fragments.build(words)
        reference_words = {phrase.split()[-1] for phrase, _ in words.references}
        self.bare_year = re.compile(r"(?:1[5-9]\d\d|20\d\d)")
        # Where each pattern is worth trying: only in windows around a word it cannot do
        # without, since most of a text holds none and an optional prefix makes the engine
        # try every position. The words are found in one pass over the text's words
        # (matching.py): a regex alternation of them, tried at every character, cost more
        # than all the patterns. kind -> its words, and which kind each pattern is tried near.
        units, parts = set(words.units), set(words.parts)
        plural_days = {day + "s" for day in words.weekdays if len(day) > 3}
        kinds = {
            "unit": units,
            "month": set(words.months),
            "weekday": set(words.weekdays),
            "season": set(words.seasons),
            "ref": reference_words,
            "rel-unit": {"week", "month", "year", "weekend", "quarter", "decade", "century"},
            "deictic": {"today", "yesterday", "tomorrow", "tonight"},
            "part": parts,
            "day-of-text": parts | {"day", "night", "week", "month", "year"},  # "the next day", "that morning"
            "every": {"every", "each"},
            "set-days": plural_days | {"weekends"},
            "set-adv": set(words.set_adverbs) | units,
            "clock": {"noon", "midday", "midnight"},
        }
        self.word_kinds: dict[str, tuple[str, ...]] = {}
        for kind, kind_words in kinds.items():
            for word in kind_words:
                self.word_kinds[word] = self.word_kinds.get(word, ()) + (kind,)
        self.digit_kinds = ("digits", "clock")  # a number anchors these kinds too
        # characters before and after an anchor word that its patterns can reach
        self.window_sizes = {"unit": (40, 12), "season": (40, 20), "ref": (40, 20), "rel-unit": (40, 20)}
        self.default_window = (50, 50)
        # ... and some around a regex, where the word alone says too little.
        self.regex_anchors = {
            "dur-hyphen": re.compile(r"-(?:hour|day|week|month|year|minute|decade)\b", re.IGNORECASE),
            "decade": re.compile(r"\d0s\b"),
            "quarter": re.compile(r"quarter", re.IGNORECASE),
            "century": re.compile(r"century", re.IGNORECASE),
            "my": re.compile(r"\b(?:1[5-9]|20)\d\d\b"),
        }
        near = {"unit": ("dur-long", "n-units", "ago", "in-n-units", "past-n", "for-units", "dur-fraction", "later",
                         "bare-units", "dur-compound"),
                "month": ("mdy", "dmy", "md", "dm", "month-bare", "rel-month"), "weekday": ("wd-part",),
                "digits": ("iso", "q-code", "year", "year-start"), "rel-unit": ("rel-unit", "end-of", "the-weekend"),
                "deictic": ("deictic",), "part": ("this-part",), "day-of-text": ("next-day",), "every": ("set",),
                "season": ("season",), "ref": ("ref",), "set-days": ("set-days",), "set-adv": ("set-adv",),
                "clock": ("clock",)}
        self.window_of = {name: kind for kind, names in near.items() for name in names} | {
            name: name for name in self.regex_anchors}
        self.patterns = _expression_patterns(words, self.fragments)
        self.refs = {phrase.lower(): value for phrase, value in words.references}


def counts_of(words: TimexWords) -> list[str]:
    """The number words that give a count ("three", "a dozen"), not "a" or "several"."""
    return [word for word, value in words.numbers.items() if isinstance(value, int) and word not in ("a", "an")]


def _expression_patterns(words: TimexWords, fragments: Fragments) -> list[tuple[str, re.Pattern]]:
    """Every expression pattern with its name, in the order that breaks ties."""
    patterns: list[tuple[str, re.Pattern]] = []

    def add_pattern(name: str, pattern: str, flags: int = 0) -> None:
        patterns.append((name, re.compile(pattern, flags)))

    year, month, weekday = fragments.year, fragments.month, fragments.weekday
    number, unit, relative = fragments.number, fragments.unit, fragments.relative
    seasons, ordinals = _alternatives(words.seasons), _alternatives(words.ordinals)
    unambiguous_months = _capitalised([m for m in words.full_months if m not in words.ambiguous_months])
    ignore_case = re.IGNORECASE
    add_pattern("iso", rf"\b{year}-\d\d-\d\d\b")
    add_pattern("mdy", rf"\b{month} \d{{1,2}}(?:st|nd|rd|th)?,? {year}\b")
    add_pattern("dmy", rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{month},? {year}\b")
    add_pattern("md", rf"\b{month} \d{{1,2}}(?:st|nd|rd|th)?\b(?!\d|,\d)")
    add_pattern("dm", rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{month}\b")
    add_pattern("my", rf"\b(?:(?:early|mid|late)[- ])?{month},? {year}\b")
    add_pattern("month-bare", rf"\b(?:{unambiguous_months})\b")
    add_pattern("rel-month",
                rf"\b(?:{relative}|(?:early|mid|late)[- ]|(?:in|since|until|by|from|during|before|after) ){month}\b")
    add_pattern("wd-part", rf"\b(?:(?:[Ee]arly|[Ll]ate) (?:on )?)?(?:{relative} )?{weekday}(?: (?:morning|afternoon|evening|night))?\b")
    add_pattern("end-of", r"\bthe (?:end|beginning|start|middle) of the (?:year|month|week|decade)\b", ignore_case)
    add_pattern("rel-unit",
                rf"\b(?:(?:earlier|later) )?(?:{relative}) (?:week|month|year|weekend|quarter|decade|century)\b",
                ignore_case)
    add_pattern("the-weekend", r"\b(?:the|this|last|next) weekend\b", ignore_case)
    add_pattern("deictic", r"\b(?:today|yesterday|tomorrow|tonight)(?: (?:morning|afternoon|evening|night))?\b",
                ignore_case)
    add_pattern("this-part", r"\b(?:this|last|yesterday|tomorrow) (?:morning|afternoon|evening|night)\b", ignore_case)
    add_pattern("ago", rf"\b(?:{number}|a few|several) {unit} ago\b", ignore_case)
    add_pattern("in-n-units", rf"\b(?:in|within) (?:{number}|a few|several) {unit}\b", ignore_case)
    add_pattern("quarter", rf"\b(?:the )?(?:{ordinals}|last|final)[- ]quarter(?: of {year})?\b", ignore_case)
    add_pattern("q-code", rf"\bQ[1-4](?: {year})?\b")
    add_pattern("season", rf"\b(?:(?:{relative}|the|early|late|mid-?) )?(?:{seasons})(?: of)? {year}\b"
                          rf"|\b(?:{relative}) (?:{seasons})\b", ignore_case)
    add_pattern("decade", r"\b(?:the )?(?:early |mid-|late )?(?:1[5-9]|20)\d0s\b|\bthe '\d0s\b", ignore_case)
    add_pattern("century", r"\bthe \d{1,2}(?:st|nd|rd|th) century\b", ignore_case)
    add_pattern("year", rf"\b(?:in|In|since|Since|by|until|till|from|From|before|after|during|of|around|circa|through"
                        rf"|early|late|mid|year|the year) {year}\b(?![,.]\d|-\d)"
                        rf"(?! (?:troops|people|soldiers|votes|cases|deaths|members|workers|residents))")
    add_pattern("year-start", rf"(?:^|(?<=\n)){year}\b(?= was| is| saw| marked| will)")
    plurals = _alternatives(unit for unit in words.units if unit.endswith("s") and unit != "seconds")  # "for centuries"
    add_pattern("for-units", rf"\b(?:for|within) (?:{plurals})\b", ignore_case)
    leads = "|".join(rf"(?<=\b{re.escape(lead)} )" for lead in words.bare_unit_leads)  # fixed-width look-behinds
    add_pattern("bare-units", rf"(?:{leads})(?:{plurals})\b", ignore_case)
    add_pattern("dur-long", rf"\b(?:more than |nearly |almost |over )?(?:(?:{number})[- ])?{unit}[- ](?:long|old)\b",
                ignore_case)
    counts = counts_of(words)
    add_pattern("dur-hyphen", rf"\b(?:\d+|{_alternatives(counts)})-(?:hour|day|week|month|year|minute|decade)\b",
                ignore_case)
    # Read against the day the text last named, not the publication date ("The next day", "two days later").
    parts = "day|morning|afternoon|evening|night"
    add_pattern("next-day", rf"\b(?:the (?:next|following|previous|preceding) (?:{parts})|the (?:day|night) (?:before|after)(?=[,.;])"
                            rf"|the (?:next|following|previous|preceding) (?:week|month|year)"
                            rf"|(?:that|the same) (?:{parts}))\b", ignore_case)
    add_pattern("later", rf"\b(?:{number}|a few|several) {unit} (?:later|earlier|afterwards?)\b", ignore_case)
    add_pattern("past-n", rf"\bthe (?:past|last|previous|next|coming) (?:{number} )?{unit}\b", ignore_case)
    approximately = _alternatives(words.duration_mods)
    add_pattern("n-units", rf"\b(?:(?:{approximately}) )?(?:{number}|a few|several) (?:(?:full|whole|entire) )?{unit}\b",
                ignore_case)
    # "two hours and 20 minutes", "three years, two months"
    count = rf"(?:\d+|{_alternatives(counts_of(words))})"
    add_pattern("dur-compound", rf"\b{count} {unit}(?:,? and |, ){count} {unit}\b", ignore_case)
    add_pattern("set", rf"\b(?:every|each) (?:(?:other|{number}|few|couple of) )?(?:{weekday}(?: (?:morning|afternoon|evening|night))?|{unit}|morning|night"
                       rf"|evening|afternoon|weekend|summer|winter|spring|autumn|fall)\b", ignore_case)
    add_pattern("set-days", rf"\b{weekday}s\b|\b(?i:on|at|during|over) (?i:weekends)\b")  # "on Fridays", "at weekends"
    add_pattern("set-adv", rf"\b(?:{_alternatives(words.set_adverbs)}|(?:once|twice|thrice|{number} times) (?:a|an|per) {unit}"
                           rf"|per {unit})\b", ignore_case)
    fractions = _alternatives(words.fractions)
    add_pattern("dur-fraction", rf"\b(?:(?:{number}) and an? (?:{fractions}) {unit}|(?:{number}) {unit} and an? (?:{fractions})"
                                rf"|(?:an? )?(?:{fractions})(?:(?: of)? an? |-){unit})\b", ignore_case)
    zones = _alternatives(words.time_zones)
    add_pattern("clock", rf"\b(?:at )?(?:\d{{1,2}}(?::\d\d)? ?(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{{1,2}}\.\d\d ?(?:a\.m\.|p\.m\.|am\b|pm\b)"
                         rf"|(?:[01]\d|2[0-3]):[0-5]\d\b(?!:\d)(?: (?:{zones})\b)?|(?:[01]\d|2[0-3])[0-5]\d (?:{zones})\b"
                         rf"|\d{{1,2}} o'clock|noon\b|midday\b|midnight\b)(?: (?:{zones})\b)?"
                         rf"(?: (?:today|tomorrow|yesterday|tonight|(?:on |this |next |last )?{weekday}))?", ignore_case)
    add_pattern("ref", r"\b(?:" + _alternatives(phrase for phrase, _ in words.references) + r")\b", ignore_case)
    return patterns
