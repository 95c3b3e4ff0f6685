"""The knowledge files and their loaders (no model needed)."""

import json
from datetime import date

import pytest

from eventwire.errors import ConfigError
from eventwire.knowledge import DATA, Knowledge
from eventwire.knowledge.actors import PERSON, ActorIndex, coding_at, surnames
from eventwire.knowledge.cameo import (
    CodeTable,
    load_actor_dictionary,
    load_agent_dictionary,
)
from eventwire.knowledge.tables import parse_end, parse_start
from eventwire.knowledge.terms import Terms

PLOVER_SECTORS = {"COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
                  "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC"}
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def test_knowledge_every_coded_country_exists(knowledge):
    codes = set(knowledge.countries.by_code) | INTERNATIONAL
    bad = {(c.source, c.country) for a in knowledge.actors.by_key.values() for c in a.codings
           if c.country and c.country not in codes}
    assert not bad, sorted(bad)[:10]


def test_knowledge_every_sector_is_a_plover_sector(knowledge):
    bad = {(t.source, s) for t in knowledge.terms.by_term.values() for s in t.sectors if s not in PLOVER_SECTORS}
    bad |= {(c.source, s) for a in knowledge.actors.by_key.values() for c in a.codings for s in c.sectors
            if s not in PLOVER_SECTORS}
    assert not bad, sorted(bad)[:10]


def test_knowledge_country_forms(knowledge):
    countries = knowledge.countries
    assert countries.lookup("Russians")[0].code == "RUS"
    assert countries.lookup("Russian Federation")[0].code == "RUS"
    assert countries.lookup("Moscow")[1] == "capital"
    assert countries.lookup("U.S.")[0].code == "USA"
    assert countries.lookup("us") is None  # the pronoun is never the country


def test_knowledge_persons_cover_heads_of_state_on_a_date(knowledge):
    when = date(2022, 3, 28)
    for country, name in [("RUS", "Vladimir Putin"), ("UKR", "Volodymyr Zelensky"), ("TUR", "Recep Tayyip Erdogan"),
                          ("FRA", "Emmanuel Macron"), ("USA", "Joe Biden")]:
        holder = knowledge.actors.holder(country, "head_of_state", when)
        assert holder is not None and holder[0].name == name, country


@pytest.mark.parametrize("when,status,sectors", [
    (date(2022, 3, 28), "current", ("GOV",)),
    (date(2030, 1, 1), "current", ("GOV",)),  # no end date: still in office
])
def test_knowledge_coding_at_current(knowledge, when, status, sectors):
    [lavrov] = [a for a in knowledge.actors.lookup("Sergei Lavrov") if a.kind == PERSON]
    resolved = coding_at(lavrov, when)
    assert (resolved.country, resolved.status, resolved.sectors) == ("RUS", status, sectors)


def test_knowledge_coding_at_former_and_future():
    index = ActorIndex()
    actor = index.actor("Jane Doe", PERSON)
    from eventwire.knowledge.actors import Coding

    index.add_coding(actor, Coding("FRA", ("GOV",), date(2015, 1, 1), date(2017, 5, 14), "t:1", "President"))
    assert coding_at(actor, date(2016, 1, 1)).sectors == ("GOV",)
    former = coding_at(actor, date(2020, 1, 1))
    assert (former.country, former.sectors, former.status) == ("FRA", ("ELI",), "former")
    future = coding_at(actor, date(2010, 1, 1))
    assert (future.country, future.sectors, future.status) == ("FRA", (), "future")
    assert coding_at(actor, None).status == "undated"


def test_knowledge_surnames():
    assert surnames("Vladimir Putin") == ["Putin"]
    assert "von der Leyen" in surnames("Ursula von der Leyen")
    assert "Sisi" in surnames("Abdel Fattah al-Sisi")
    assert surnames("Madonna") == []


def test_knowledge_partial_dates():
    assert parse_start("2014", "x") == date(2014, 1, 1)
    assert parse_end("2014", "x") == date(2014, 12, 31)
    assert parse_end("2024-02", "x") == date(2024, 2, 29)
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_start("March 2014", "t.tsv:3")


def test_knowledge_data_files_parse():
    rows = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    assert sum(r["kind"] == "state" for r in rows) >= 193


# ---- user dictionaries ------------------------------------------------------------

CAMEO_ACTORS = """\
# a small TABARI actor dictionary in PETRARCH's format
FREEDONIA_  [FRD]
+FREEDONIAN_

RUFUS_FIREFLY_  # CountryInfo.txt
+FIREFLY
\t[FRDELI 19200101-330101]
\t[FRDGOV >330102]

UNITED_NATIONS_ [IGOUNO]
+U.N._

TRENTINO_ [ITA]
\t[ITAGOV 300101-391231] # a two-digit year: 30 means 2030, 39 means 1939
"""

CAMEO_AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
CONGRESS!PERSON! [~LEG]
SHEPHERD [~AGR]
POLICE {} [~COP]
"""


def test_cameo_actor_dictionary_dates_synonyms_and_codes(tmp_path, knowledge):
    path = tmp_path / "test.actors.txt"
    path.write_text(CAMEO_ACTORS, encoding="utf-8")
    index = ActorIndex()
    codes = CodeTable.load(DATA / "cameo_codes.tsv", {c.code for c in knowledge.countries.all})
    assert load_actor_dictionary(path, index, codes) == 4
    [firefly] = index.lookup("Firefly")
    assert coding_at(firefly, date(1925, 6, 1)).sectors == ("ELI",)
    assert coding_at(firefly, date(1940, 1, 1)).sectors == ("GOV",)
    [un] = index.lookup("U.N.")
    assert coding_at(un, date(2000, 1, 1)).country == "UNO"


def test_cameo_agent_dictionary_macros_and_plurals(tmp_path, knowledge):
    path = tmp_path / "test.agents.txt"
    path.write_text(CAMEO_AGENTS, encoding="utf-8")
    terms = Terms()
    codes = CodeTable.load(DATA / "cameo_codes.tsv", {c.code for c in knowledge.countries.all})
    load_agent_dictionary(path, terms, codes)
    assert terms.get("congresswomen").sectors == ("LEG",)
    assert terms.get("shepherds").sectors == ("AGR",)
    assert terms.get("police").sectors == ("COP",) and terms.get("polices") is None


def test_cameo_codes_translate(knowledge):
    codes = CodeTable.load(DATA / "cameo_codes.tsv", {c.code for c in knowledge.countries.all})
    assert codes.translate("RUSGOVSPY") == ("RUS", ("GOV", "SPY"))
    assert codes.translate("IGOUNO") == ("UNO", ())
    assert codes.translate("NGOPALHRI") == ("NGO", ("SOC",))
    assert codes.translate("~MED") == (None, ("JRN",))  # CAMEO MED is media
    assert codes.translate("USR") == ("RUS", ())
    assert codes.translate("MEAREB") == (None, ("REB",))  # a region is no country


def test_knowledge_user_tsv_overrides_builtin(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\tcountry\tsectors\nVladimir Putin\tRUS\tGOV|MIL\n", encoding="utf-8")
    knowledge = Knowledge.load([path])
    first = knowledge.actors.lookup("Vladimir Putin")[0]
    assert coding_at(first, date(2022, 1, 1)).sectors == ("GOV", "MIL")


def test_knowledge_unknown_dictionary_format_names_file_and_formats(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("name,country\nX,RUS\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"actors\.csv: unknown dictionary format .* \.tsv .* CAMEO"):
        Knowledge.load([path])


def test_knowledge_missing_dictionary_file(tmp_path):
    with pytest.raises(ConfigError, match="no such file"):
        Knowledge.load([tmp_path / "nope.txt"])


def test_knowledge_tsv_without_required_columns(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("who\twhere\nX\tY\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown TSV dictionary"):
        Knowledge.load([path])
