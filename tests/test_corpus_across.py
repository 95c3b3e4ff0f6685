"""Across articles (no model: hand-made records): wire copies are one story, the same words by
the same speaker are one quote, an actor is one row whatever name it goes by, events merge only
where they can be the same happening, and every listing comes out of the CLI in every format,
read back with a standard reader."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.shells.cli import main
from eventwire.store import Store
from eventwire.store.aggregate import aggregate
from eventwire.store.corpus import Corpus

WIRE = ("KYIV, Ukraine (AP) — Russian forces shelled the southern city of Kherson on Monday, killing "
        "three civilians and damaging a hospital, Ukrainian officials said. \"We will not be intimidated,\" "
        "President Volodymyr Zelenskyy said in his nightly address. The governor of the region said "
        "rescue teams were still searching the rubble of two apartment buildings late into the evening. "
        "Moscow did not comment on the strike, which came a day after talks between the two sides "
        "in Istanbul ended without an agreement on a ceasefire or on prisoner exchanges.")
OTHER = ("NAIROBI, Kenya — Kenyan police arrested dozens of protesters in the capital on Tuesday as "
         "demonstrations against a finance bill spread to several towns. \"We will not be intimidated,\" "
         "an opposition leader told reporters outside a police station, where families waited for news "
         "of those detained. Rights groups said the arrests were unlawful and called for their release.")


def _record(text, outlet, published, events=(), speaker="e1", zelensky_form="Zelenskyy"):
    quote = "We will not be intimidated,"
    start = text.find(quote)
    name_at = text.find(zelensky_form)
    entities = [{"id": "e1", "name": "Volodymyr Zelensky", "type": "PERSON", "country": "UKR", "sectors": ["GOV"],
                 "title": "President",
                 "mentions": [{"start": name_at, "end": name_at + len(zelensky_form), "text": zelensky_form,
                               "kind": "name"}] if name_at >= 0 else [],
                 "evidence": [{"field": "country", "source": "persons/europe_americas.tsv:412"}]}]
    return {"id": "x", "text": text, "published": published, "meta": {"source": outlet, "title": text[:30]},
            "entities": entities,
            "quotes": [{"id": "q1", "kind": "direct", "speaker_entity": speaker,
                        "speaker": {"start": 0, "end": 4, "text": "he"},
                        "content": [{"start": start, "end": start + len(quote), "text": quote}]}] if start >= 0 else [],
            "events": list(events), "places": [], "timexes": []}


def _event(text, trigger, type_="ASSAULT", actor="RUS", recipient="UKR", day="2024-05-06", place=None,
           counted=True, negated=False, sectors=("MIL",), names=None, mode=None):
    start = text.index(trigger)
    return {"id": f"v{start}", "type": type_, "mode": mode, "counted": counted, "negated": negated,
            "hypothetical": not counted and not negated, "modality": None,
            "actor": {"countries": [actor], "sectors": list(sectors), "span": {"text": names or "Russian forces"}},
            "recipient": {"countries": [recipient], "sectors": []},
            "trigger": {"start": start, "end": start + len(trigger)}, "sentence": {"start": 0, "end": len(text)},
            "date": {"value": day, "source": "text"},
            "place": {"name": place[0], "country": place[1]} if place else None, "pattern": "test"}


@pytest.fixture
def store(store_url):
    store = Store.open(store_url)
    copy = "Updated 10:42 GMT. " + WIRE.replace('"', "“", 1).replace('"', "”", 1) + " Reporting by the AP."
    store.add(_record(WIRE, "AP", "2024-05-06", [_event(WIRE, "shelled", place=("Kherson", "UKR"))]), "ap", "ap")
    store.add(_record(copy, "Kyiv Independent", "2024-05-06",
                      [_event(copy, "shelled", place=("Kherson", "UKR"))]), "ki", "ki")
    own = ("Russian troops shelled Kherson again on Tuesday, the regional governor said, after a night of "
           "drone attacks on the city's port and its power station. \"We will not be intimidated,\" "
           "Volodymyr Zelensky said again.")
    store.add(_record(own, "Reuters", "2024-05-07", [_event(own, "shelled", day="2024-05-07")],
                      zelensky_form="Volodymyr Zelensky"), "rt", "rt")
    store.add(_record(OTHER, "Nation", "2024-05-07", [
        _event(OTHER, "arrested", type_="COERCE", actor="KEN", recipient="KEN", day="2024-05-07",
               sectors=("COP",), names="Kenyan police"),
        _event(OTHER, "unlawful", type_="COERCE", actor="KEN", recipient="KEN", day="2024-05-07",
               counted=False, negated=True, sectors=("COP",))], speaker=None), "nation", "nation")
    aggregate(store)
    return store


def test_a_wire_copy_is_one_story_with_both_outlets(store):
    [story] = Corpus(store).stories()
    assert story["n_articles"] == 2 and story["outlets"] == ["AP", "Kyiv Independent"]
    assert len(list(Corpus(store).stories(min_articles=1))) == 3


def test_an_event_counts_a_syndicated_copy_once_among_independent_reports(store):
    [shelling] = Corpus(store).events(type="ASSAULT")
    assert (shelling["n_articles"], shelling["n_sources"], shelling["n_independent"]) == (3, 3, 2)
    assert (shelling["first_seen"], shelling["last_seen"]) == ("2024-05-06", "2024-05-07")
    assert (shelling["place"], shelling["place_country"]) == ("Kherson", "UKR")  # the one placed mention's
    # its first mention's evidence, cut from the stored text
    assert shelling["trigger"] == "shelled" and shelling["sentence"] == WIRE


def test_events_filter_by_sector_name_place_story_and_status(store):
    corpus = Corpus(store)
    assert [e["type"] for e in corpus.events(actor_sector="cop")] == ["COERCE"]
    assert [e["type"] for e in corpus.events(actor_name="kenyan POLICE")] == ["COERCE"]
    assert [e["type"] for e in corpus.events(place="kherson")] == ["ASSAULT"]
    assert [e["type"] for e in corpus.events(country="UKR")] == ["ASSAULT"]
    assert not list(corpus.events(country="KEN"))
    [story] = corpus.stories()
    assert [e["type"] for e in corpus.events(story=story["id"])] == ["ASSAULT"]
    assert len(list(corpus.events(actor="KEN"))) == 1
    both = list(corpus.events(actor="KEN", negated=True))
    assert sorted(e["status"] for e in both) == ["asserted", "negated"]


def test_the_same_words_by_the_same_speaker_are_one_quote(store):
    quotes = list(Corpus(store).quotes())
    zelensky = next(q for q in quotes if q["speaker"] == "Volodymyr Zelensky")
    # “curly” or "straight" quotes, the same words: three occurrences, two independent stories
    assert (zelensky["n_occurrences"], zelensky["n_sources"], zelensky["n_independent"]) == (3, 3, 2)
    other = [q for q in quotes if q["speaker"] != "Volodymyr Zelensky"]
    assert [q["n_occurrences"] for q in other] == [1]  # the same words by someone else are theirs


def test_an_actor_is_one_row_with_every_name_it_went_by(store):
    [zelensky] = Corpus(store).actors(name="zelenskyy")
    assert zelensky["name"] == "Volodymyr Zelensky" and zelensky["in_knowledge"] is True
    assert set(zelensky["aliases"]) == {"Volodymyr Zelensky", "Zelenskyy"}
    assert (zelensky["n_articles"], zelensky["first_seen"], zelensky["last_seen"]) == (3, "2024-05-06", "2024-05-07")


def test_places_in_two_countries_are_two_events_and_a_placeless_report_joins_one(store_url):
    store = Store.open(store_url)
    base = "Soldiers fired on protesters near the border crossing on Monday, witnesses said, and "
    for i, (outlet, place) in enumerate((("A", ("Goma", "COD")), ("B", ("Gisenyi", "RWA")), ("C", None))):
        text = base + ["the army denied it.", "a curfew followed.", "the crossing was closed."][i] * (i + 1)
        store.add(_record(text, outlet, "2024-05-06", [_event(text, "fired", actor="COD", recipient="COD",
                                                             place=place)]), outlet, outlet)
    aggregate(store)
    events = sorted((e["place_country"], e["n_mentions"]) for e in Corpus(store).events())
    assert events == [("COD", 2), ("RWA", 1)]


def test_a_report_that_gives_no_mode_joins_one_that_does_but_two_modes_stay_apart(store_url):
    store = Store.open(store_url)
    base = "Police fired on protesters in the capital on Monday, witnesses and a hospital official said, and "
    for i, (outlet, mode) in enumerate((("A", "primitive"), ("B", None), ("C", "firearms"))):
        text = base + ["dozens were hurt.", "the march broke up.", "two men were shot."][i] * (i + 1)
        store.add(_record(text, outlet, "2024-05-06", [_event(text, "fired", actor="KEN", recipient="KEN",
                                                             mode=mode)]), outlet, outlet)
    aggregate(store)
    assert sorted((e["mode"], e["n_mentions"]) for e in Corpus(store).events()) == [("firearms", 1), ("primitive", 2)]


COUNTRY_FILTERS = [{"actor": "RUS"}, {"actor": "rus", "recipient": "UKR"}, {"recipient": "UKR"}, {"actor": "BLR"},
                   {"actor": "RU"}, {"actor": "RUS", "since": "2024-06"}, {"actor": "RUS", "until": "2024-06"},
                   {"actor": "RUS", "until": "2024-06-03"}, {"actor": "RUS", "until": "2024"},
                   {"recipient": "UKR", "since": "2024-W23", "until": "2024-W27"},
                   {"actor": "RUS", "type": "ASSAULT", "min_sources": 1}]


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("filters", COUNTRY_FILTERS, ids=lambda f: " ".join(f"{k}={v}" for k, v in f.items()))
def test_a_country_filter_gives_the_whole_listings_events_in_its_order_and_pages(store_url, filters, sort):
    """A country's events are read from event_countries in date order (Corpus._walk_country):
    the same events, order and pages as the whole listing filtered here."""
    store = Store.open(store_url)
    days = ["2024-05-06", "2024-05-20", "2024-06-03", "2024-06-17", "2024-07-01"]
    dyads = [(["RUS"], "UKR"), (["BLR", "RUS"], "UKR"), (["UKR"], "RUS")]
    for i in range(10):
        text = f"Report {i}: forces shelled the town overnight, officials said, in attack number {i}."
        event = _event(text, "shelled", recipient=dyads[i % 3][1], day=days[i % 5])
        event["actor"]["countries"] = dyads[i % 3][0]
        events = [event]
        if i == 9:  # two events of one article: the same first article and day, told apart by their ids
            events.append({**_event(text, "attack", recipient="UKR", day=days[i % 5]), "type": "COERCE"})
        store.add(_record(text, f"Outlet {i}", days[i % 5], events), str(i), str(i))
    aggregate(store)
    corpus = Corpus(store)
    assert len(list(corpus.events())) == 11
    codes = {k: v.upper() for k, v in filters.items() if k in ("actor", "recipient")}
    rest = {k: v for k, v in filters.items() if k not in codes}
    expected = [e["id"] for e in corpus.events(sort=sort, **rest)
                if all(code in (e[f"{side}_countries"] or "").split() for side, code in codes.items())]
    if "until" in filters and "W" not in filters["until"]:  # as compared before: the date's first characters
        until = filters["until"]
        assert expected == [e["id"] for e in corpus.events(sort=sort, **{**rest, "until": None})
                            if (e["date_first"] or "~")[:len(until)] <= until and all(
                                code in (e[f"{side}_countries"] or "").split() for side, code in codes.items())]
    assert [e["id"] for e in corpus.events(sort=sort, **filters)] == expected
    pages = [e["id"] for offset in range(0, 12, 3) for e in corpus.events(sort=sort, limit=3, offset=offset, **filters)]
    assert pages == expected


def test_timeline_counts_an_actors_events_per_week(store):
    rows = list(Corpus(store).timeline("RUS"))
    assert rows == [{"week": "2024-W19", "type": "ASSAULT", "events": 1, "mentions": 3}]
    assert list(Corpus(store).timeline("kenyan police")) == [
        {"week": "2024-W19", "type": "COERCE", "events": 1, "mentions": 1}]
    assert len(list(Corpus(store).events(since="2024-W19", until="2024-W19"))) == 2
    assert not list(Corpus(store).events(since="2024-W20"))


def _cli(store, *args):
    where = store.engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, [*args, "--db", where])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("what", ["events", "mentions", "quotes", "actors", "stories", "articles"])
def test_every_export_reads_back_in_csv_json_lines_and_parquet(store, what, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_cli(store, "export", what, "--format", "csv").stdout)))
    lines = [json.loads(line) for line in _cli(store, "export", what, "--format", "jsonl").stdout.splitlines()]
    path = tmp_path / f"{what}.parquet"
    _cli(store, "export", what, "--format", "parquet", "--out", str(path))
    table = pq.read_table(path)
    assert len(rows) == len(lines) == table.num_rows > 0
    assert list(rows[0]) == list(lines[0]) == table.column_names
    if what == "events":
        assert str(table.schema.field("n_sources").type) == "int64"  # typed columns, not text
        assert table.column("n_independent").to_pylist() == [int(r["n_independent"]) for r in rows]
    if what == "actors":
        assert str(table.schema.field("aliases").type) == "list<element: string>"
        assert json.loads(rows[0]["aliases"]) == table.column("aliases").to_pylist()[0]


def test_quotes_export_quotebank_style(store):
    lines = [json.loads(line) for line in _cli(store, "export", "quotes", "--format", "quotebank").stdout.splitlines()]
    zelensky = next(q for q in lines if q["speaker"] == "Volodymyr Zelensky")
    assert zelensky["quotation"] == "We will not be intimidated," and zelensky["numOccurrences"] == 3
    assert zelensky["date"] == "2024-05-06 00:00:00" and len(zelensky["urls"]) == 3


def test_listing_commands_print_tables(store):
    assert "Volodymyr Zelensky" in _cli(store, "actors", "--type", "person").stdout
    assert "Kyiv Independent" in _cli(store, "stories").stdout
    assert "2024-W19" in _cli(store, "timeline", "RUS").stdout
    assert "intimidated" in _cli(store, "quotes", "--min-sources", "3").stdout
    assert "Kenyan police" in _cli(store, "events", "--actor-sector", "COP", "--negated").stdout


def test_parquet_to_a_terminal_is_refused_with_what_to_do(monkeypatch, capsys):
    import sys

    from eventwire.shells.cli.common import write_listing

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(SystemExit) as exit_:
        write_listing(iter([{"a": 1}]), ("a",), "parquet", None, "rows")
    assert exit_.value.code == 2 and "--out FILE.parquet" in capsys.readouterr().err


def test_a_damaged_or_missing_signature_is_made_again_from_the_text(store):
    from eventwire.store import schema

    with store.engine.begin() as conn:
        conn.execute(schema.article_signatures.update().values(signature=b"not a signature"))
        conn.execute(schema.article_signatures.delete().where(schema.article_signatures.c.article == 2))
    aggregate(store)
    [story] = Corpus(store).stories()
    assert story["n_articles"] == 2
    with store.engine.connect() as conn:
        assert conn.execute(schema.article_signatures.select()).all().__len__() == 4


def test_an_articles_dateline_gives_its_place_marked_as_such(store_url):
    store = Store.open(store_url)
    record = _record(WIRE, "AP", "2024-05-06")
    record["places"] = [{"span": {"start": 0, "end": 4, "text": "KYIV"}, "name": "Kyiv", "country": "UKR"},
                        {"span": {"start": 60, "end": 67, "text": "Kherson"}, "name": "Kherson", "country": "UKR"}]
    store.add(record, "ap", "ap")
    undated = _record(OTHER.replace("NAIROBI, Kenya — ", ""), "Nation", "2024-05-07")
    undated["places"] = [{"span": {"start": 0, "end": 6, "text": "Kenyan"}, "name": "Kenya", "country": "KEN"}]
    store.add(undated, "nation", "nation")
    rows = {row["input_id"]: row for row in Corpus(store).articles()}
    assert (rows["ap"]["place"], rows["ap"]["place_country"], rows["ap"]["place_from"]) == ("Kyiv", "UKR", "dateline")
    assert rows["nation"]["place"] is None  # no dateline: no place is made up


def test_failures_and_search_are_listings_too(store):
    store.add_failure("b", "news/b.html", "read", "news/b.html: is not UTF-8 text")
    [row] = json.loads(_cli(store, "failures", "--format", "json").stdout)
    assert (row["origin"], row["reason"]) == ("news/b.html", "read")
    assert _cli(store, "failures").stdout == "news/b.html\tread\tnews/b.html: is not UTF-8 text\n"
    assert [r["input_id"] for r in Corpus(store).search("Nairobi demonstrations")] == ["nation"]


@pytest.mark.parametrize("listing, filters", [
    ("quotes", {}), ("quotes", {"speaker": "zelensky"}), ("quotes", {"words": "intimidated", "min_sources": 2}),
    ("quote_mentions", {}), ("quote_mentions", {"speaker": "Zelenskyy"}), ("actors", {}),
    ("actors", {"name": "zelenskyy"}), ("actors", {"country": "ukr", "min_articles": 2}), ("stories", {}),
    ("stories", {"min_articles": 1}), ("articles", {}), ("articles", {"story": "no such story"})])
def test_a_listing_is_counted_by_the_database_as_listed(store, listing, filters):
    """total=true in the API: a COUNT over the listing's own query, not its rows read."""
    corpus = Corpus(store)
    rows = list(getattr(corpus, listing)(**filters))
    assert corpus.count(listing, **filters) == len(rows)
    if listing == "quotes" and not filters:
        assert len(rows) == 2  # the counts are of something: Zelensky's words and the other speaker's
