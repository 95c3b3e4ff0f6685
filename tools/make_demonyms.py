"""Build src/eventwire/data/demonyms.tsv: the words for the people of a province, region or big
city ("Texan", "Parisian", "Bavarian", "Kashmiri") and the place each names. Countries' own
adjectives and demonyms are in countries.json and are not repeated here.

No package lists them, so they are derived: each place name of admin1.tsv and regions.tsv, and
each GeoNames city of 250,000 people or more (cities.tsv.gz), is given the English suffixes of
place adjectives (see `forms`: "Texas" -> "Texan", "Tuscany" -> "Tuscan", "Paris" -> "Parisian"), and a form is kept only when an English
dictionary lists it capitalised (Debian's wamerican-large and wbritish-large word lists, which
carry proper adjectives) and not also as a lower-case word ("hamburger", "roman"), nor when it is itself a place's name. The
dictionary also lists surnames and eras ("Karajan", "Permian"), so the places stage reads a
form only where the entity layer took it for a group of people (NORP). Irregular
forms ("Muscovite", "Venetian", "Glaswegian") cannot be derived and are missing; add rows by
hand below the generated ones if you need them. Run again after changing the place files:

    apt-get install wamerican-large wbritish-large
    .venv/bin/python tools/make_demonyms.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data"
OUT = DATA / "demonyms.tsv"
WORD_LISTS = [Path("/usr/share/dict/american-english-large"), Path("/usr/share/dict/british-english-large")]
SUFFIXES = ("n", "an", "ian", "nian", "er", "ite", "ese", "i")
BIG_CITY = 250_000


def _table(path: Path):
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        yield dict(zip(header, cells))


def places() -> list[tuple[str, str, int, str]]:
    """(name, PLOVER country, population, source) for every place a demonym may name."""
    iso2 = {c["iso2"]: c["code"] for c in json.loads((DATA / "countries.json").read_text("utf-8")) if c.get("iso2")}
    out = []
    for file in ("admin1.tsv", "regions.tsv"):
        for row in _table(DATA / file):
            # a region of several countries has none ("Kashmiri": Kashmir)
            out.append((row["name"], row.get("country") or "", int(row.get("population") or 0) or 1_000_000, file))
    with gzip.open(DATA / "cities.tsv.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            if line.startswith(("#", "geonameid\t")):
                continue
            _, name, _, _, country, population, _ = line.rstrip("\n").split("\t")
            if int(population) >= BIG_CITY and country in iso2:
                out.append((name, iso2[country], int(population), "cities.tsv.gz"))
    return out


def forms(name: str) -> set[str]:
    """Adjective forms a place name may take: the whole name with a suffix ("Tibetan",
    "Parisian", "Londoner", "Milanese", "Punjabi", "Iowan", "Torontonian"), the name less a
    final vowel or "y" with one ("Bavarian", "Sicilian", "Viennese", "Keralite", "Mainer"), less
    a final "s" after "a" with "-n" ("Texan"), less a final "y" alone ("Tuscan")."""
    vowels = "aeiou"
    out = {name + suffix for suffix in ("an", "ian", "ite", "ese", "er")}
    last, stem = name[-1], name[:-1]
    if last in vowels:
        out.add(name + "n")
    if last == "o":
        out.add(name + "nian")
    if last not in vowels + "y":
        out.add(name + "i")
    if last in "aeiy":
        out |= {stem + suffix for suffix in ("an", "ian", "ese", "ite")}
    if last == "e":
        out.add(stem + "er")
    if name.endswith("as"):
        out.add(stem + "n")
    if last == "y":
        out.add(stem)
    return out


def place_names(entries) -> set[str]:
    """Every name of a place in the gazetteer (a form that is itself a place is no demonym:
    "Wuhan" is not the people of Wuhu)."""
    names = {name for name, *_ in entries}
    with gzip.open(DATA / "cities.tsv.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            if not line.startswith(("#", "geonameid\t")):
                cells = line.split("\t")
                if int(cells[5]) >= 15_000:
                    names.add(cells[1])
    return names


def main() -> None:
    words: set[str] = set()
    for path in WORD_LISTS:
        words |= set(path.read_text(encoding="utf-8", errors="replace").split())
    national = set()
    for country in json.loads((DATA / "countries.json").read_text("utf-8")):
        national |= {*country.get("adjectives", ()), *country.get("demonyms", ()), country["name"]}
    found: dict[str, tuple[int, str, str, str]] = {}
    entries = places()
    named = place_names(entries)
    for name, country, population, source in entries:
        if " " in name or not name.isalpha():
            continue
        for form in forms(name):
            if form in words and form.lower() not in words and form not in national and form not in named:
                known = found.get(form)
                if known is None or population > known[0]:
                    found[form] = (population, name, country, source)
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# eventwire: words for the people of a province, region or big city, and the place each names.\n"
                  "# Generated by tools/make_demonyms.py (read its docstring): suffix rules over admin1.tsv,\n"
                  "# regions.tsv and GeoNames cities of 250,000+, kept when the wamerican-large or\n"
                  "# wbritish-large word list has the form capitalised. Countries' adjectives are in countries.json.\n"
                  "# Columns: demonym; place (its name in the gazetteer); country (PLOVER code, empty for a region of several); source.\n"
                  "demonym\tplace\tcountry\tsource\n")
        for form in sorted(found):
            _, name, country, source = found[form]
            out.write(f"{form}\t{name}\t{country}\t{source}\n")
    print(f"{len(found)} demonyms written to {OUT}")


if __name__ == "__main__":
    main()
