"""What the rest of an article says about one of its place names, for the second and third
readings (choose.py): the places read for its other names and how near each candidate lies to
them, the states and provinces it names, and which names have readings side by side."""

from __future__ import annotations

import math

from ...knowledge.places import CITY, COUNTRY, REGION, Place, distance_km, name_key

NEARBY = ((200, 2.5), (500, 1.5), (1000, 0.5))  # km from the article's other places, bonus
BESIDE_KM = 50  # a county and a city this close are side by side


class Story:
    """What the first reading found, for the second: a name's candidates score by their distance
    to the places read for every other name ("Victoria" in a story about Melbourne), a city or
    county by the states and provinces the article names ("Springfield" beside "the Illinois
    governor") and by a county or city reading of another name beside it ("Jefferson County" and
    "Birmingham"). Kept per candidate and name, so a long article that repeats its names costs no
    more than the names it has."""

    def __init__(self, first: list[Place | None], texts: list[str], places, options: list[list[Place]] = ()):
        self.places = places
        # every reading of every name as a city or county, by 1-degree cell: a county and a city
        # side by side ("Jefferson County" and "Birmingham" in Alabama) vouch for each other; two
        # towns do not (there is a Córdoba beside a Buenos Aires in Mexico), nor a name that is a
        # state's or a country's (Washington, California)
        self.cells: dict[tuple[int, int], list[tuple[Place, str]]] = {}
        for candidates, text in zip(options, texts):
            if any(p.feature == COUNTRY or p.kind == "admin1" for p in candidates):
                continue
            for place in candidates:
                if place.feature == CITY or place.kind == "admin2":
                    self.cells.setdefault((math.floor(place.lat), math.floor(place.lon)), []).append((place, text))
        self.read: dict[int, tuple[Place, set[str]]] = {}  # id(place) -> (place, names read as it)
        self.divisions: dict[tuple[str, str], tuple[str, set[str]]] = {}  # (country, admin1) -> (its name, names)
        for place, text in zip(first, texts):
            if place is not None and place.feature in (CITY, REGION) and place.country is not None:
                self.read.setdefault(id(place), (place, set()))[1].add(text)
                if place.kind == "admin1":
                    self.divisions.setdefault((place.country, name_key(place.name)), (place.name, set()))[1].add(text)
                elif place.kind == "admin2" and place.admin1:  # "Lamar County" names Texas too
                    self.divisions.setdefault((place.country, name_key(place.admin1)), (place.admin1, set()))[1].add(text)
        self.known: dict[tuple, object] = {}  # (id(place), name[, test]) -> what was found
        self.others: dict[str, list[Place]] = {}  # name -> the places read for the other names
        self.same: dict[tuple[str, str], bool] = {}  # (a place's division name, a named division's key)

    def near(self, place: Place, text: str) -> tuple[float, str | None]:
        """Bonus for a place near the places read for names other than `text`, and the nearest."""
        key = (id(place), text)
        if key not in self.known:
            others = self.others.get(text)
            if others is None:
                others = self.others[text] = [other for other, names in self.read.values() if names - {text}]
            self.known[key] = _proximity(place, others)
        return self.known[key]

    def local(self, place: Place, text: str) -> bool:
        """True when a city or county read for another name lies within 200 km: local evidence,
        where a state named somewhere in the article is not."""
        key = (id(place), text, "local")
        if key not in self.known:
            self.known[key] = self._local(place, text)
        return self.known[key]

    def _local(self, place: Place, text: str) -> bool:
        return any(other.feature == CITY or other.kind == "admin2" for other, names in self.read.values()
                   if names - {text} and other is not place
                   and distance_km(place.lat, place.lon, other.lat, other.lon) <= NEARBY[0][0])

    def beside(self, place: Place, text: str) -> str | None:
        """Another name that has a city or county reading within BESIDE_KM of this place."""
        if not (place.feature == CITY or place.kind == "admin2"):
            return None
        y, x = math.floor(place.lat), math.floor(place.lon)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for other, name in self.cells.get((y + dy, x + dx), ()):
                    if name != text and "admin2" in (place.kind, other.kind) and distance_km(
                            place.lat, place.lon, other.lat, other.lon) <= BESIDE_KM:
                        return name
        return None

    def division(self, place: Place, text: str) -> str | None:
        """The state or province named elsewhere in the article that the place lies in."""
        if place.feature == COUNTRY or not place.admin1 or place.country is None or not self.divisions:
            return None
        for (country, key), (name, names) in self.divisions.items():
            if country == place.country and names - {text}:
                same = self.same.get((place.admin1, key))
                if same is None:
                    same = self.same[(place.admin1, key)] = same_division(self.places, place.admin1, key)
                if same:
                    return name
        return None


def same_division(places, admin1: str, key: str) -> bool:
    """A city's GeoNames division name ("Sindh") and a division named in the text ("Sindh
    Province", "Pa.") are the same division."""
    return name_key(admin1) == key or any(name_key(p.name) == key for p in places.candidates(admin1)
                                           if p.kind == "admin1")


def _proximity(place: Place, near: list[Place]) -> tuple[float, str | None]:
    """Bonus for a place near the article's other places, and the nearest of them."""
    if place.feature == COUNTRY or not near:
        return 0.0, None
    reach = NEARBY[-1][0] / 111.0  # degrees of latitude: farther apart in latitude is out of reach
    km, closest = min(((distance_km(place.lat, place.lon, p.lat, p.lon), p) for p in near
                       if abs(p.lat - place.lat) <= reach), default=(math.inf, None), key=lambda d: d[0])
    for within, bonus in NEARBY:
        if km <= within:
            return bonus, closest.name
    return 0.0, None
