"""Which place a name means (stages/places/choose.py): second-level divisions, the signals that
tell namesakes apart, and the reason each toponym records."""

from __future__ import annotations

import pytest

from eventwire.document.article import Article

pytestmark = pytest.mark.slow


def places_of(analyzer, text: str, url: str | None = None) -> list[dict]:
    [record] = analyzer.analyze_many([Article(id="t", text=text, url=url)])
    return record["places"]


def test_places_choose_county_is_the_division_not_its_namesake_city(analyzer):
    [place] = places_of(analyzer, "The Cook County medical examiner identified the victim.")
    assert (place["name"], place["country"], place["feature"]) == ("Cook County", "USA", "region")
    assert abs(place["lat"] - 41.8) < 0.5 and place["geonameid"] is None


def test_places_choose_county_in_the_state_written_after_it(analyzer):
    [county, state] = places_of(analyzer, "Deputies in Orange County, Florida, arrested two men.")
    assert abs(county["lat"] - 28.5) < 0.5 and county["reason"] == "written after: Florida"
    assert state["feature"] == "region" and state["reason"]  # every placed toponym says why


@pytest.mark.parametrize("text, lat, reason", [
    ("SPRINGFIELD, Ill. — Lawmakers returned on Monday.", 39.8, "written after: Illinois"),
    ("Police in Lebanon, Pennsylvania, said the driver fled.", 40.3, "written after: Pennsylvania"),
    ("Lebanon's prime minister resigned.", 33.8, None),
])
def test_places_choose_namesake_by_its_state(analyzer, text, lat, reason):
    place = places_of(analyzer, text)[0]
    assert abs(place["lat"] - lat) < 0.5
    if reason:
        assert place["reason"] == reason


def test_places_choose_publisher_country_breaks_a_tie(analyzer):
    text = "Protesters blocked roads in Hyderabad on Friday."
    assert places_of(analyzer, text)[0]["country"] == "IND"
    [place] = places_of(analyzer, text, url="https://www.dawn.com.pk/news/1")
    assert (place["country"], place["reason"]) == ("PAK", "publisher's country PAK")
    assert places_of(analyzer, text, url="https://example.io/x")[0]["country"] == "IND"  # a vanity domain
