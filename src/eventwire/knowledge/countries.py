"""Countries: names, aliases, adjectives, demonyms, capitals, codes and representative points
(data/countries.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError


@dataclass(frozen=True)
class Country:
    code: str  # PLOVER actor code: ISO 3166-1 alpha-3, KOS, or the controlling state's code
    iso3: str | None
    iso2: str | None
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    lat: float
    lon: float
    kind: str  # state, territory, dependency, partially_recognized
    sectors: tuple[str, ...]


# How a surface form relates to its country.
NAME, ADJECTIVE, DEMONYM, CAPITAL = "name", "adjective", "demonym", "capital"


class Countries:
    """Look-ups from a surface form ("Russians", "Kyiv", "U.S.") to its country."""

    def __init__(self, countries: list[Country]):
        self.all = countries
        self.by_code: dict[str, Country] = {}
        self.by_iso3: dict[str, Country] = {}
        self.forms: dict[str, tuple[Country, str]] = {}
        for country in countries:
            # A dependency shares its controlling state's actor code; the state wins.
            if country.kind in ("state", "territory") or country.code not in self.by_code:
                self.by_code[country.code] = country
            if country.iso3:
                self.by_iso3[country.iso3] = country
            for form in (country.name, *country.aliases):
                self.forms.setdefault(form, (country, NAME))
            for form in country.adjectives:
                self.forms.setdefault(form, (country, ADJECTIVE))
            for form in country.demonyms:
                self.forms.setdefault(form, (country, DEMONYM))
            for form in country.capitals:
                self.forms.setdefault(form, (country, CAPITAL))
        self._folded = {}
        for form, value in self.forms.items():
            self._folded.setdefault(form.casefold(), value)

    def lookup(self, form: str) -> tuple[Country, str] | None:
        """(country, relation) for a surface form; exact case first, then any case
        for forms longer than four letters (so "US" never matches "us")."""
        found = self.forms.get(form)
        if found is None and len(form) > 4:
            found = self._folded.get(form.casefold())
        return found

    def name_of(self, code: str | None) -> str | None:
        country = self.by_code.get(code or "")
        return country.name if country else None

    @classmethod
    def load(cls, path: Path) -> "Countries":
        try:
            rows = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ConfigError(f"{path}: cannot read the country table ({err}) — reinstall eventwire or fix the file") from None
        countries = []
        for row in rows:
            countries.append(Country(
                code=row["code"], iso3=row.get("iso3"), iso2=row.get("iso2"), name=row["name"],
                aliases=tuple(row.get("aliases", ())), adjectives=tuple(row.get("adjectives", ())),
                demonyms=tuple(row.get("demonyms", ())), capitals=tuple(row.get("capitals", ())),
                lat=float(row["lat"]), lon=float(row["lon"]), kind=row.get("kind", "state"),
                sectors=tuple(row.get("sectors", ())),
            ))
        return cls(countries)
