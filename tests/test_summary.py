"""The extractive summary and the brief."""

import pytest

from eventwire.render.terminal import brief, when_where

pytestmark = pytest.mark.slow


def test_summary_seed_three_sentences_in_reading_order(seed_record):
    summary = seed_record["summary"]
    assert len(summary) == 3
    starts = [s["start"] for s in summary]
    assert starts == sorted(starts)
    headline = seed_record["headline"]
    for s in summary:
        assert s["start"] >= headline["end"]
        assert seed_record["text"][s["start"]:s["end"]] == s["text"]
    assert "talks" in summary[0]["text"]


def test_summary_skips_a_bare_quote_and_a_question_in_the_lead(analyze):
    text = ("Port strike ends after pay deal\n"
            "\"We are tired,\" one docker said.\n"
            "Who will pay for the week of lost trade?\n"
            "Dock workers in Rotterdam ended a nine-day strike on Monday after unions accepted a 6 percent pay rise over two years.\n"
            "The strike had halted container traffic at Europe's largest port and stranded hundreds of ships at anchor.\n"
            "Port authorities said normal operations would resume by Wednesday.\n"
            "Union leaders said members voted 78 percent in favour of the deal.\n")
    summary = [s["text"] for s in analyze(text)["summary"]]
    assert len(summary) == 3
    assert not any(s.startswith('"We are tired') or s.endswith("?") for s in summary)
    assert summary[0].startswith("Dock workers in Rotterdam")


def test_summary_length_follows_the_setting(seed_gold):
    from eventwire import Analyzer, Settings

    record = Analyzer(Settings(summary_sentences=1)).analyze(seed_gold["text"], published=seed_gold["published"])
    assert len(record["summary"]) == 1


def test_brief_has_summary_actors_quotes_and_dated_events(seed_record):
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(brief(seed_record))
    text = console.export_text()
    assert "A new set of talks" in text
    assert "Key actors: " in text and "Volodymyr Zelensky (UKR GOV)" in text
    assert "Who said what" in text and "Sergei Lavrov" in text
    assert "2022-W13 · in Turkey" in text
    assert "2022-03-25" in text


def test_when_where_marks_a_publication_date_stand_in():
    event = {"date": {"value": "2022-03-28", "type": "DATE", "source": "published", "span": None},
             "place": {"name": "Istanbul", "country": "TUR", "feature": "city"}}
    assert when_where(event) == "2022-03-28 (published) · in Istanbul, TUR"
