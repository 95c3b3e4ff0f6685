"""PETRARCH's Phoenix dictionaries (reference material in ../shared, present in CI)."""

import pytest

from tests.conftest import shared_file

pytestmark = pytest.mark.slow

PHOENIX = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
           "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"]


@pytest.fixture(scope="module")
def phoenix_analyzer():
    from eventwire import Analyzer, Settings

    files = tuple(shared_file("dictionaries", name) for name in PHOENIX)
    return Analyzer(Settings(actor_files=files))


def test_cameo_phoenix_files_load_and_code_lavrov_in_2010(phoenix_analyzer):
    record = phoenix_analyzer.analyze("Sergei Lavrov met the envoy in Geneva.", published="2010-05-01")
    lavrov = next(e for e in record["entities"] if "Lavrov" in e["name"])
    assert (lavrov["country"], lavrov["sectors"]) == ("RUS", ["GOV"])
    # The coding comes from the user's dictionary, which outranks the built-in one.
    assert any(e["source"].startswith("Phoenix.Countries.actors.txt") for e in lavrov["evidence"])


def test_cameo_phoenix_agents_code_phrases(phoenix_analyzer):
    record = phoenix_analyzer.analyze("Afghan farmers protested in Kabul.", published="2010-05-01")
    farmers = next(a for a in record["actors"] if a["span"]["text"] == "Afghan farmers")
    assert farmers["country"] == "AFG" and farmers["sectors"] == ["AGR"]
