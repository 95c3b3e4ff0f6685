"""Dates, places and the anchoring of events, on short passages published on Monday
2022-03-28 unless a test says otherwise."""

import pytest

pytestmark = pytest.mark.slow


def _value(record, text):
    found = [t for t in record["timexes"] if t["span"]["text"] == text]
    assert found, f"{text!r} not found in {[t['span']['text'] for t in record['timexes']]}"
    return found[0]["type"], found[0]["value"]


@pytest.mark.parametrize("sentence,text,expected", [
    ("Zelensky said Monday that talks would go on.", "Monday", ("DATE", "2022-03-28")),
    ("Officials said Friday that the convoy had stopped.", "Friday", ("DATE", "2022-03-25")),
    ("The two delegations will meet Friday in Istanbul.", "Friday", ("DATE", "2022-04-01")),
    ("Talks resume this week.", "this week", ("DATE", "2022-W13")),
    # the part of a period is part of the expression
    ("Talks collapsed late last year.", "late last year", ("DATE", "2021")),
    ("Growth should slow in early 2023.", "early 2023", ("DATE", "2023")),
    ("The deal expires at the end of the year.", "the end of the year", ("DATE", "2022")),
    ("Prices rose sharply last month.", "last month", ("DATE", "2022-02")),
    ("Rebels have held the town since 2014.", "2014", ("DATE", "2014")),
    ("The mayor was detained two days ago.", "two days ago", ("DATE", "2022-03-26")),
    ("The accord was signed on February 24, 2022.", "February 24, 2022", ("DATE", "2022-02-24")),
    ("Growth slowed in the third quarter.", "the third quarter", ("DATE", "2022-Q3")),
    ("The offensive is expected next spring.", "next spring", ("DATE", "2023-SP")),
    ("The militia was founded in the 1990s.", "the 1990s", ("DATE", "199")),
    ("It ended the weeks-long siege.", "weeks-long", ("DURATION", "PXW")),
    ("Negotiators have met for days.", "for days", ("DURATION", "PXD")),
    ("They met every Monday.", "every Monday", ("SET", "XXXX-WXX-1")),
])
def test_timexes_normalised_against_the_publication_date(analyze, sentence, text, expected):
    assert _value(analyze(sentence), text) == expected


def test_timexes_next_weekday_is_the_coming_one(analyze):
    assert _value(analyze("Parliament votes next Tuesday.", published="2022-03-31"), "next Tuesday") == ("DATE", "2022-04-05")


def test_timexes_without_a_publication_date_stay_unresolved(analyze):
    record = analyze("Officials said Friday that talks will resume next week.", published=None)
    assert _value(record, "Friday") == ("DATE", "XXXX-WXX-5")
    assert _value(record, "next week")[1].startswith("XXXX")


def test_timexes_not_words_that_only_look_like_dates(analyze):
    record = analyze("The talks may resume, the Sunday Times reported, citing 2,014 troops.")
    assert [t["span"]["text"] for t in record["timexes"]] == []


def _place(record, text, n=0):
    found = [p for p in record["places"] if p["span"]["text"] == text]
    assert len(found) > n, f"{text!r} not among {[p['span']['text'] for p in record['places']]}"
    return found[n]


def test_places_the_place_written_after_decides(analyze):
    assert _place(analyze("The storm hit Paris, Texas, on Sunday."), "Paris")["country"] == "USA"
    assert _place(analyze("The exhibition opened in Paris on Sunday."), "Paris")["country"] == "FRA"


def test_places_georgia_from_the_article(analyze):
    us = analyze("Flights from Atlanta were cancelled. Georgia declared an emergency as storms hit Savannah.")
    assert _place(us, "Georgia")["country"] == "USA"
    caucasus = analyze("Georgia accused Russia of moving troops near Tbilisi.")
    assert _place(caucasus, "Georgia")["country"] == "GEO"


def test_places_capital_for_its_government_is_still_a_place(analyze):
    record = analyze("Moscow says the talks are useful.")
    moscow = _place(record, "Moscow")
    assert moscow["country"] == "RUS" and moscow["feature"] == "city"
    assert abs(moscow["lat"] - 55.75) < 0.2


def test_places_regions_no_city_list_has(analyze):
    record = analyze("Fighting continued in Donbas and the Gaza Strip while drought gripped the Sahel.")
    assert _place(record, "Donbas")["country"] == "UKR"
    assert _place(record, "Gaza Strip")["country"] == "PSE"
    assert _place(record, "Sahel")["feature"] == "region"


def test_places_the_model_misses_in_a_list_of_places(analyze):
    record = analyze("Cases were reported in Kisumu, Migori, Homa Bay and Garissa.")
    for name in ("Kisumu", "Migori", "Homa Bay", "Garissa"):
        assert _place(record, name)["country"] == "KEN", name


def _events(record, kind):
    return [e for e in record["events"] if e["type"] == kind]


def test_event_dated_and_placed_by_its_own_clause(analyze):
    record = analyze("Russian forces shelled Kharkiv on Tuesday, officials said.", published="2022-03-30")
    assault = _events(record, "ASSAULT")[0]
    assert assault["date"] == {"value": "2022-03-29", "type": "DATE", "source": "text",
                               "span": assault["date"]["span"]}
    assert assault["date"]["span"]["text"] == "Tuesday"
    assert assault["place"]["name"] == "Kharkiv"


def test_event_place_city_over_its_country(analyze):
    record = analyze("The foreign ministers met in Antalya, Turkey, on Thursday.", published="2022-03-12")
    meeting = _events(record, "CONSULT")[0]
    assert meeting["place"]["name"] == "Antalya" and meeting["date"]["value"] == "2022-03-10"


def test_event_reported_fact_takes_the_report_date_but_not_its_place(analyze):
    record = analyze("Officials in Kyiv said Friday that protesters rallied in Minsk.")
    protest = _events(record, "PROTEST")[0]
    assert protest["date"]["value"] == "2022-03-25" and protest["date"]["source"] == "report"
    assert protest["place"]["name"] == "Minsk"


def test_a_promised_act_is_dated_when_promised_and_keeps_its_own_date_apart(analyze):
    record = analyze("The two leaders will hold talks in Geneva next month, the Kremlin said on Tuesday.")
    talks = record["events"][0]
    assert talks["intended"] == "CONSULT" and talks["place"]["name"] == "Geneva"
    assert talks["date"]["value"] == "2022-03-22" and talks["date"]["source"] == "report"
    assert talks["intended_date"]["value"] == "2022-04"


@pytest.mark.parametrize("text,value", [
    ("Iran threatened to close the Strait of Hormuz next year, officials said on Monday.", "2022-03-28"),
    ("The president promised on Tuesday to hold elections in March 2026.", "2022-03-22"),
    ("Kenya said on Thursday it had expelled the envoy on March 1.", "2022-03-01"),
])
def test_an_act_is_dated_when_it_happened(analyze, text, value):
    assert analyze(text)["events"][0]["date"]["value"] == value


def test_event_without_a_date_gets_the_publication_date_flagged(analyze):
    record = analyze("Russia accused Ukraine of sabotage. Later, in Paris, ministers met.")
    accusation = _events(record, "ACCUSE")[0]
    assert accusation["date"] == {"value": "2022-03-28", "type": "DATE", "source": "published", "span": None}
    assert accusation["place"] is None  # Paris is another sentence's place
