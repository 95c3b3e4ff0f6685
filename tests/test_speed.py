"""The mechanisms that make eventwire start fast and scale linearly give the same answers as the
plain code they replaced (speed itself is measured by benchmarks/process.py, not here)."""

import random
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.document.article import CharSpan
from eventwire.document.layers import Quote
from eventwire.knowledge import DATA
from eventwire.knowledge.city_index import CityIndex, build, city_rows, index_path
from eventwire.knowledge.places import name_key
from eventwire.nlp.long_text import pieces
from eventwire.nlp.quotemarks import Quoted, QuoteIndex
from eventwire.stages.quotes.orphans import drop_nested

ROOT = Path(__file__).resolve().parent.parent


def test_speed_quote_index_answers_as_a_scan_does():
    rng = random.Random(7)
    for _ in range(200):
        regions, at = [], 0
        for _ in range(rng.randint(0, 12)):
            at += rng.randint(0, 30)
            regions.append(Quoted(at, at + rng.randint(2, 60), 1, 1))  # may nest or overlap
        index = QuoteIndex(regions)
        for position in range(0, at + 80):
            scan = next((r for r in regions if r.start <= position < r.end), None)
            assert index.at(position) is scan


def _quote(parts, cue=None):
    return Quote(kind="direct", parts=[CharSpan(a, b) for a, b in parts], cue=CharSpan(*cue) if cue else None)


def test_speed_drop_nested_matches_the_pairwise_rule():
    rng = random.Random(11)
    for _ in range(300):
        quotes = []
        for _ in range(rng.randint(1, 8)):
            start = rng.randint(0, 200)
            parts = [(start, start + rng.randint(5, 80))]
            if rng.random() < 0.3:
                parts.append((parts[0][1] + 5, parts[0][1] + rng.randint(10, 50)))
            cue_at = rng.randint(0, 260)
            quotes.append(_quote(parts, (cue_at, cue_at + rng.randint(1, 8)) if rng.random() < 0.8 else None))
        if rng.random() < 0.3:
            quotes.append(_quote([(p.start, p.end) for p in quotes[0].parts]))  # a duplicate
        expected = []
        for quote in quotes:  # the rule as it was written before, comparing every pair
            inside = any(other is not quote and any(p.contains(quote.cue) for p in other.parts)
                         for other in quotes if quote.cue is not None)
            if not inside and not any(k.parts == quote.parts for k in expected):
                expected.append(quote)
        assert drop_nested(quotes) == expected


@pytest.mark.parametrize("text", [
    "one\ntwo\nthree\n" * 50,
    "a" * 120 + "\n" + "b" * 30,      # a paragraph longer than a piece
    "no line breaks at all " * 20,
    "ends without a break\n" * 7 + "last",
])
def test_speed_pieces_cut_after_line_breaks_and_join_to_the_text(text):
    parts = pieces(text, size=100)
    assert "".join(parts) == text
    assert all(part.endswith("\n") for part in parts[:-1])
    # a piece is over the size only when it is one paragraph longer than a piece
    assert all(len(part) <= 100 or "\n" not in part[:-1] for part in parts)


def test_speed_city_index_gives_the_cities_of_the_city_file_in_file_order(tmp_path):
    path = index_path(DATA, tmp_path, [Path(__file__)])
    build(DATA, path, name_key)
    index = CityIndex(path)
    rows = list(city_rows(DATA))
    by_key: dict[str, list[int]] = {}
    for geonameid, name, *_ in rows:
        by_key.setdefault(name_key(name), []).append(geonameid)
    for key in ("paris", "springfield", "san jose", "kyiv", name_key(rows[12345][1])):
        assert [row[1] for row in index.cities(key, own=True)] == by_key[key]
    # alternate spellings: Kiev is an alternate spelling of Kyiv
    assert any(row[2] == "Kyiv" for row in index.cities("kiev", own=False))
    assert path.stat().st_mode & 0o444 == 0o444


def test_speed_city_index_is_rebuilt_when_the_data_changes(tmp_path):
    code = [Path(__file__)]
    first = index_path(DATA, tmp_path, code)
    other = tmp_path / "data"
    other.mkdir()
    (other / "cities.tsv.gz").write_bytes(b"different")
    assert index_path(other, tmp_path, code) != first


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["analyze", "no/such/file.txt"], ["analyze", "--format", "xml", "x"],
                                  ["events", "--help"], ["export", "--help"]])
def test_speed_cli_answers_before_importing_spacy(args):
    # nor SQLAlchemy: the store's library costs 0.16 s and only the store's commands need it
    probe = ("import sys\nfrom eventwire.shells.cli import main\n"
             f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
             "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
             "assert 'sqlalchemy' not in sys.modules, 'SQLAlchemy was imported'\nprint('ok', file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stderr.strip().endswith("ok"), result.stderr
