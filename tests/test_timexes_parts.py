"""The parts of the timexes stage that need no model: calendar arithmetic, the rule table,
and rules applied straight to strings against a given publication date."""

from datetime import date

import pytest

from eventwire.knowledge import DATA
from eventwire.knowledge.timex import TimexPatterns, TimexWords
from eventwire.stages.timexes import calendar
from eventwire.stages.timexes.context import RuleContext
from eventwire.stages.timexes.matching import _merge
from eventwire.stages.timexes.normalise import RULES

MONDAY = date(2022, 3, 28)


@pytest.fixture(scope="module")
def patterns():
    return TimexPatterns(TimexWords.load(DATA / "timex.toml"))


@pytest.fixture(scope="module")
def words(patterns):
    return patterns.words


def apply(patterns, rule: str, text: str, published: date | None = MONDAY):
    """Run one rule on a string. No Doc: the rules tested here never read the sentence
    (one that did would fail on None)."""
    return RULES[rule](RuleContext(None, patterns, published), text, 0, len(text))


# ---- calendar ------------------------------------------------------------------------

@pytest.mark.parametrize("day, expected", [
    (date(2022, 3, 28), "2022-W13"),
    (date(2022, 1, 2), "2021-W52"),    # a Sunday in January still in last year's week
    (date(2021, 1, 3), "2020-W53"),    # a 53-week year
    (date(2019, 12, 30), "2020-W01"),  # a Monday in December already in next year's week
    (date(2024, 12, 31), "2025-W01"),
])
def test_calendar_week_is_the_iso_week_across_year_ends(day, expected):
    assert calendar.week(day) == expected


@pytest.mark.parametrize("published, months, expected", [
    (date(2022, 1, 31), 1, (2022, 2)),    # no day arithmetic: Jan 31 + 1 month is February
    (date(2022, 3, 31), -1, (2022, 2)),
    (date(2022, 12, 31), 1, (2023, 1)),
    (date(2022, 1, 15), -1, (2021, 12)),
    (date(2022, 1, 15), -13, (2020, 12)),
    (date(2022, 11, 30), 26, (2025, 1)),
    (date(2022, 5, 31), 0, (2022, 5)),
])
def test_calendar_month_shift_crosses_month_and_year_ends(published, months, expected):
    assert calendar.month_shift(published, months) == expected


@pytest.mark.parametrize("published, count, unit, expected", [
    (date(2021, 12, 31), 1, "D", "2022-01-01"),
    (date(2020, 2, 28), 1, "D", "2020-02-29"),   # a leap day
    (MONDAY, -2, "D", "2022-03-26"),
    (MONDAY, -1, "W", "2022-W12"),
    (date(2021, 12, 30), 1, "W", "2022-W01"),
    (MONDAY, 1, "2W", "2022-W15"),               # a fortnight is two weeks
    (date(2022, 3, 31), -1, "M", "2022-02"),
    (date(2022, 1, 31), -1, "M", "2021-12"),
    (MONDAY, -3, "Y", "2019"),
    (MONDAY, -2, "10Y", "200"),                  # two decades ago: the 2000s
    (MONDAY, 1, "H", "2022-03-28"),              # below a day: the day itself
])
def test_calendar_shift_moves_the_publication_date_at_the_units_grain(published, count, unit, expected):
    assert calendar.shift(published, count, unit) == expected


@pytest.mark.parametrize("count, unit, expected", [
    (3, "Y", "P3Y"),
    ("X", "D", "PXD"),
    (5, "M", "P5M"),       # M is months ...
    (5, "MIN", "PT5M"),    # ... and minutes are MIN in data/timex.toml, M after the T
    (2, "H", "PT2H"),
    (30, "S", "PT30S"),
    (3, "2W", "P6W"),
    ("X", "2W", "PXW"),
    (2, "10Y", "P20Y"),
    ("X", "10Y", "PXDE"),  # "decades": TIMEX3's decade unit
    (3, "100Y", "P300Y"),  # as decades: P30Y
    ("X", "100Y", "PXCE"),
])
def test_calendar_duration_values(count, unit, expected):
    assert calendar.duration(count, unit) == expected


def test_calendar_words_stand_for_numbers_units_and_months(words):
    assert calendar.number("Three", words) == 3
    assert calendar.number("12", words) == 12
    assert calendar.number("several", words) == "X"
    assert calendar.number("umpteen", words) == "X"
    assert calendar.unit("Fortnights", words) == "2W"
    assert calendar.unit("decade", words) == "10Y"
    assert calendar.month_number("Sept.", words) == 9
    assert calendar.month_number("DECEMBER", words) == 12


def test_calendar_relative_shift_takes_the_first_word_that_says_a_direction(words):
    assert calendar.relative_shift(["the", "last", "week"], words) == -1
    assert calendar.relative_shift(["next", "last"], words) == 1
    assert calendar.relative_shift(["this", "year"], words) == 0
    assert calendar.relative_shift(["the", "week"], words) is None


def test_calendar_year_of_crosses_new_year_only_when_the_tense_says_so():
    new_years_eve = date(2021, 12, 30)
    assert calendar.year_of(new_years_eve, 1, 1, lambda: "future") == "2022"
    assert calendar.year_of(new_years_eve, 1, 1, lambda: "past") == "2021"
    assert calendar.year_of(date(2022, 1, 3), 12, 31, lambda: "past") == "2021"
    assert calendar.year_of(None, 1, 1, lambda: "future") == "XXXX"
    assert calendar.year_of(MONDAY, 2, 30, lambda: "future") == "2022"  # no such day: the year as it is


def test_calendar_year_of_asks_the_tense_only_far_from_the_publication_date():
    def no_tense() -> str:
        raise AssertionError("the tense was asked")

    assert calendar.year_of(MONDAY, 5, 5, no_tense) == "2022"


# ---- the rule table --------------------------------------------------------------------

def test_normalise_every_pattern_name_has_a_rule_and_every_rule_a_pattern(patterns):
    names = {name for name, _ in patterns.patterns}
    assert names - set(RULES) == set(), "patterns without a rule"
    assert set(RULES) - names == set(), "rules no pattern names"
    # every pattern is tried near the words (or regex) of one kind, and each such kind exists
    assert set(patterns.window_of) == names
    kinds = {kind for kinds in patterns.word_kinds.values() for kind in kinds} | set(patterns.digit_kinds)
    assert set(patterns.window_of.values()) <= kinds | set(patterns.regex_anchors)


def test_matching_word_windows_find_words_whatever_their_case_and_numbers(patterns):
    from eventwire.stages.timexes.matching import _word_windows
    text = "x" * 60 + " WEEKLY " + "y" * 60 + " 2024 " + "z" * 60
    windows = _word_windows(text, patterns)
    assert windows["set-adv"] == [(11, 117)]  # 50 characters either side of "WEEKLY"
    assert windows["digits"] == [(79, 183)] and windows["clock"] == [(79, 183)]
    assert "unit" not in windows and "month" not in windows


def test_matching_merge_joins_overlapping_and_touching_windows():
    assert _merge([(10, 20), (0, 5), (15, 30), (30, 35), (40, 41)]) == [(0, 5), (10, 35), (40, 41)]


# ---- rules on strings ------------------------------------------------------------------

@pytest.mark.parametrize("rule, text, expected", [
    ("iso", "2022-03-28", ("DATE", "2022-03-28")),
    ("mdy", "March 28, 2022", ("DATE", "2022-03-28")),
    ("dmy", "28th of March 2022", ("DATE", "2022-03-28")),
    ("dm", "5th of May", ("DATE", "2022-05-05")),
    ("my", "early June 2020", ("DATE", "2020-06", "START")),
    ("quarter", "the third quarter", ("DATE", "2022-Q3")),
    ("q-code", "Q4 2021", ("DATE", "2021-Q4")),
    ("decade", "the early 1990s", ("DATE", "199", "START")),
    ("century", "the 19th century", ("DATE", "18")),
    ("year", "since 2014", ("DATE", "2014")),
    ("rel-unit", "last week", ("DATE", "2022-W12")),
    ("rel-unit", "earlier this month", ("DATE", "2022-03")),
    ("rel-unit", "next quarter", ("DATE", "2022-Q2")),
    ("rel-month", "last October", ("DATE", "2021-10", None)),
    ("rel-month", "next March", ("DATE", "2023-03", None)),
    ("the-weekend", "last weekend", ("DATE", "2022-W12-WE")),
    ("end-of", "the end of the year", ("DATE", "2022", "END")),
    ("deictic", "yesterday morning", ("TIME", "2022-03-27TMO")),
    ("deictic", "tonight", ("TIME", "2022-03-28TNI")),
    ("this-part", "last night", ("TIME", "2022-03-27TNI")),
    ("ago", "two days ago", ("DATE", "2022-03-26")),
    ("ago", "a few weeks ago", ("DATE", "XXXX-WXX")),
    ("in-n-units", "in three weeks", ("DATE", "2022-W16")),
    ("in-n-units", "within three weeks", ("DURATION", "P3W")),
    ("season", "last winter", ("DATE", "2021-WI")),
    ("season", "the spring of 2021", ("DATE", "2021-SP")),
    ("clock", "at 9 a.m.", ("TIME", "2022-03-28T09:00")),
    ("clock", "11 p.m. tomorrow", ("TIME", "2022-03-29T23:00")),
    ("clock", "midnight", ("TIME", "2022-03-28T24:00")),
    ("ref", "in the coming weeks", ("DATE", "FUTURE_REF")),
    ("for-units", "for days", ("DURATION", "PXD")),
    ("dur-long", "a decade-long", ("DURATION", "P10Y", None)),
    ("dur-long", "weeks-long", ("DURATION", "PXW", None)),
    ("dur-long", "nearly a month-old", ("DURATION", "P1M", "APPROX")),
    ("dur-hyphen", "10-day", ("DURATION", "P10D")),
    ("past-n", "the past two years", ("DURATION", "P2Y")),
    ("n-units", "more than three years", ("DURATION", "P3Y", "MORE_THAN")),
    ("n-units", "a few hours", ("DURATION", "PTXH", None)),
    ("set", "every Monday", ("SET", "XXXX-WXX-1")),
    ("set-adv", "twice a year", ("SET", "P1Y")),
    ("set-adv", "quarterly", ("SET", "P3M")),
    ("set-adv", "three times a day", ("SET", "P1D")),
    ("set", "every other day", ("SET", "P2D")),
    ("set", "every few years", ("SET", "PXY")),
    ("set-days", "Fridays", ("SET", "XXXX-WXX-5")),
    ("n-units", "five minutes", ("DURATION", "PT5M", None)),
    ("dur-fraction", "half an hour", ("DURATION", "PT30M")),
    ("dur-fraction", "two and a half years", ("DURATION", "P30M")),
    ("dur-fraction", "an hour and a half", ("DURATION", "PT90M")),
    ("dur-fraction", "three and a half weeks", ("DURATION", "P3.5W")),  # 24.5 days: a decimal
    ("clock", "1430 GMT", ("TIME", "2022-03-28T14:30")),
    ("clock", "21:00", ("TIME", "2022-03-28T21:00")),
    ("clock", "9.30am", ("TIME", "2022-03-28T09:30")),
    ("later", "two days later", ("DATE", "2022-03-30")),     # no day named before: the publication date
    ("next-day", "the previous day", ("DATE", "2022-03-27")),
])
def test_rules_read_strings_against_a_monday_publication_date(patterns, rule, text, expected):
    assert apply(patterns, rule, text) == expected


@pytest.mark.parametrize("rule, text, expected", [
    ("rel-unit", "last week", ("DATE", "XXXX-WXX", None)),
    ("the-weekend", "this weekend", ("DATE", "XXXX-WXX-WE")),
    ("ago", "two days ago", ("DATE", "XXXX-XX-XX")),
    ("in-n-units", "in three weeks", ("DURATION", "P3W")),
    ("deictic", "tomorrow", ("DATE", "XXXX-XX-XX")),
    ("quarter", "the last quarter", ("DATE", "XXXX-Q4")),
])
def test_rules_without_a_publication_date_leave_x_for_what_is_unknown(patterns, rule, text, expected):
    assert apply(patterns, rule, text, published=None) == expected


def test_rules_refuse_what_only_looks_like_an_expression(patterns):
    assert apply(patterns, "dm", "4 March") is None        # a month that is also a word needs "of"
    assert apply(patterns, "md", "March 42") is None       # no such day
    assert apply(patterns, "clock", "13 pm") is None
    assert apply(patterns, "n-units", "2014 years") is None


def test_rules_later_keeps_the_grain_of_the_period_named_before(patterns):
    context = RuleContext(None, patterns, MONDAY, periods=[(0, "2023-Q2")])
    assert RULES["later"](context, "a year earlier", 30, 44) == ("DATE", "2022-Q2")
    context = RuleContext(None, patterns, MONDAY, days=[(0, date(2022, 3, 3))], periods=[(0, "2022-03-03")])
    assert RULES["later"](context, "two days later", 30, 44) == ("DATE", "2022-03-05")


@pytest.mark.parametrize("text, expected", [
    ("every Monday", ("EVERY", None)),
    ("each year", ("EACH", None)),
    ("twice a week", (None, "2X")),
    ("three times a day", (None, "3X")),
    ("daily", (None, None)),
])
def test_rules_set_attributes_quant_and_freq(patterns, text, expected):
    from eventwire.stages.timexes.rules_durations import set_attributes
    assert set_attributes(RuleContext(None, patterns, MONDAY), text) == expected


def test_rules_past_n_without_a_number_is_some_units(patterns):
    assert apply(patterns, "past-n", "the coming months") == ("DURATION", "PXM")
    assert apply(patterns, "past-n", "the past week") == ("DURATION", "P1W")
