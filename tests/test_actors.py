"""Actor coding of entities and phrases, on short wire-style passages."""

import pytest

from tests.conftest import entity_of

pytestmark = pytest.mark.slow


def actor(record, text):
    for item in record["actors"]:
        if item["span"]["text"] == text:
            return item
    raise AssertionError(f"no actor {text!r} in {[a['span']['text'] for a in record['actors']]}")


@pytest.mark.parametrize("text,mention,country,sectors", [
    # In-article evidence for people the knowledge base does not list.
    ("Ukraine's president, Oleksandr Tkachenko, said talks would resume.", "Oleksandr Tkachenko", "UKR", ["GOV"]),
    ("Mehmet Yilmazer, the Turkish foreign minister, arrived in Moscow on Monday.", "Mehmet Yilmazer", "TUR", ["GOV"]),
    ("Nigerian junior foreign minister Dubem Oniya summoned the ambassador.", "Dubem Oniya", "NGA", ["GOV"]),
    ("Kenyan opposition leader Tom Mboya Odinga called for protests.", "Tom Mboya Odinga", "KEN", ["OPP"]),
    ("Former Peruvian president Alejandro Quispe denied the charges.", "Alejandro Quispe", "PER", ["ELI"]),
    ("Brazilian Gen. Paulo Ferreira took command of the mission.", "Paulo Ferreira", "BRA", ["MIL"]),
    # a description that is no title still says where the person is from, and what they do
    ("Samira Benali, Algeria's best-known human rights activist, began a hunger strike.", "Samira Benali", "DZA", ["CVL", "SOC"]),
    ("Rosa Villanueva, a Philippine journalist, criticised the ruling.", "Rosa Villanueva", "PHL", ["JRN"]),
])
def test_actors_person_from_text(analyze, text, mention, country, sectors):
    record = analyze(text)
    entity = entity_of(record, mention) or next(e for e in record["entities"] if e["name"] == mention)
    assert (entity["country"], entity["sectors"]) == (country, sectors)


@pytest.mark.parametrize("text,published,name,country,sectors", [
    # The knowledge base codes office holders by the publication date.
    ("President Vladimir Putin spoke by phone with his counterpart.", "2022-03-28", "Vladimir Putin", "RUS", ["GOV"]),
    ("Prime Minister Narendra Modi opened the summit.", "2023-09-09", "Narendra Modi", "IND", ["GOV"]),
    ("Angela Merkel criticised the decision.", "2023-05-01", "Angela Merkel", "DEU", ["ELI"]),
    ("Zelensky addressed parliament.", "2022-03-28", "Volodymyr Zelensky", "UKR", ["GOV"]),
])
def test_actors_person_from_knowledge_base(analyze, text, published, name, country, sectors):
    record = analyze(text, published=published)
    entity = next(e for e in record["entities"] if e["name"] == name)
    assert (entity["country"], entity["sectors"]) == (country, sectors)
    assert any(e["source"].startswith(("europe_", "asia_", "africa")) for e in entity["evidence"])


@pytest.mark.parametrize("text,phrase,country,sectors", [
    ("A Russian military official said the troops would stay.", "A Russian military official", "RUS", ["MIL"]),
    ("The Russian government rejected the proposal.", "The Russian government", "RUS", ["GOV"]),
    ("Israeli police detained three protesters.", "Israeli police", "ISR", ["COP"]),
    ("Sri Lankan army units advanced on the town.", "Sri Lankan army units", "LKA", ["MIL"]),
    ("Congolese refugees crossed into Uganda.", "Congolese refugees", "COD", ["REF"]),
    ("Moscow says the sanctions will fail.", "Moscow", "RUS", ["GOV"]),
    ("Washington and Beijing traded accusations on Tuesday.", "Washington", "USA", ["GOV"]),
    ("Fighting broke out in Ukraine's east, where Russia-backed separatists hold two cities.",
     "Russia-backed separatists", "UKR", ["REB"]),
    ("Pro-Russian separatists in Moldova's Transnistria region staged a parade.", "Pro-Russian separatists", "MDA", ["REB"]),
    ("Rebels in Darfur attacked a convoy.", "Rebels in Darfur", "SDN", ["REB"]),
])
def test_actors_phrases(analyze, text, phrase, country, sectors):
    found = actor(analyze(text), phrase)
    assert (found["country"], found["sectors"]) == (country, sectors)


def test_actors_capital_as_place_is_not_an_actor(analyze):
    record = analyze("Delegations met in Moscow on Monday.")
    assert all(a["span"]["text"] != "Moscow" for a in record["actors"])
    moscow = next(e for e in record["entities"] if e["name"] == "Moscow")
    assert moscow["country"] == "RUS" and moscow["type"] == "GPE"


def test_actors_office_links_to_its_holder_on_the_date(analyze):
    record = analyze("Talks with the president of France are planned, officials said.", published="2019-06-01")
    found = actor(record, "the president of France")
    names = {e["id"]: e["name"] for e in record["entities"]}
    assert names[found["entity"]] == "Emmanuel Macron"


def test_actors_indefinite_office_is_not_linked(analyze):
    record = analyze("A former president of France wrote a book.", published="2019-06-01")
    assert all(a["entity"] is None for a in record["actors"] if "president" in a["span"]["text"])


def test_actors_organisation_name_words(analyze):
    record = analyze("The Philippine Department of Agriculture ordered a cull.", published="2009-12-01")
    entity = next(e for e in record["entities"] if e["type"] == "ORG")
    assert entity["country"] == "PHL" and "GOV" in entity["sectors"]


def test_actors_knowledge_base_organisation(analyze):
    record = analyze("Amnesty International accused the army of abuses.", published="2015-01-01")
    entity = next(e for e in record["entities"] if e["name"] == "Amnesty International")
    assert entity["country"] == "NGO"


def test_actors_every_code_has_evidence(analyze):
    record = analyze("A Russian military official said Friday that troops were redirected.")
    found = actor(record, "A Russian military official")
    fields = {(e["field"], e.get("span", {}).get("text")) for e in found["evidence"]}
    assert any(field == "country" and "Russian" in (text or "") for field, text in fields)
    assert any(field == "sectors" and "military" in (text or "") for field, text in fields)
