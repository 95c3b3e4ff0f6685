"""A dateline's date for an article that has none: only a whole date at the start of a line."""

from datetime import date

import pytest

from eventwire.document.article import Article, dateline_date, with_dateline_date


@pytest.mark.parametrize("text,expected", [
    ("BRASILIA, May 6, 2024 — Brazil's president said ...", date(2024, 5, 6)),
    ("Talks resume\nLAGOS, Nigeria, Sept. 3, 2023 (Reuters) - Police said ...", date(2023, 9, 3)),
    ("KYIV, Ukraine, March 1, 2022 - Shelling continued ...", date(2022, 3, 1)),
    ("NAIROBI, May 6 (Reuters) - A day and a month say no year.", None),
    ("WASHINGTON (AP) — Feb. 30, 2024: no such day.", None),
    ("The talks on May 6, 2024 were held in Geneva.", None),  # a date in a sentence is no dateline
])
def test_dateline_dates(text, expected):
    assert dateline_date(text) == expected


def test_an_articles_own_date_wins_over_its_dateline():
    article = Article(id="a", text="BRASILIA, May 6, 2024 — text", published=date(2024, 5, 7), published_from="input")
    assert with_dateline_date(article).published == date(2024, 5, 7)
    undated = Article(id="b", text="BRASILIA, May 6, 2024 — text")
    dated = with_dateline_date(undated)
    assert (dated.published, dated.published_from) == (date(2024, 5, 6), "dateline")
