"""Named actors: people and organisations with date-ranged codings.

Built from data/persons/*.tsv and data/organisations.tsv, and from user dictionaries
(eventwire TSV or CAMEO/TABARI, see cameo.py). A coding says which country and
sectors a name stands for between two dates; `coding_at` picks the one that holds
on the publication date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .tables import Row, active, parse_end, parse_start, read_table

PERSON, ORGANISATION, ACTOR = "person", "organisation", "actor"
ELITE = "ELI"  # PLOVER: former officials who no longer hold office


@dataclass(frozen=True)
class Coding:
    country: str | None
    sectors: tuple[str, ...]
    start: date | None
    end: date | None
    source: str  # file:line of the knowledge it came from
    title: str | None = None
    roles: tuple[str, ...] = ()


@dataclass
class NamedActor:
    name: str
    kind: str  # person, organisation, or actor (dictionary entries of unknown kind)
    forms: set[str] = field(default_factory=set)
    codings: list[Coding] = field(default_factory=list)
    gender: str | None = None
    org_kind: str | None = None  # igo, media, armed_group, party...


@dataclass(frozen=True)
class Resolved:
    """What a named actor stands for on a given date, and why."""

    actor: NamedActor
    country: str | None
    sectors: tuple[str, ...]
    title: str | None
    status: str  # current, former, future, undated
    coding: Coding


def coding_at(actor: NamedActor, when: date | None) -> Resolved | None:
    """The coding that holds `when`; for a person out of office, ELI (former)."""
    codings = actor.codings
    if not codings:
        return None
    if when is None:
        best = max(codings, key=lambda c: (c.end or date.max, c.start or date.min))
        return Resolved(actor, best.country, best.sectors, best.title, "undated", best)
    current = [c for c in codings if active(c.start, c.end, when)]
    if current:
        # The most specific: a dated coding beats an undated default, then the latest start.
        best = max(current, key=lambda c: (c.start is not None or c.end is not None, c.start or date.min))
        return Resolved(actor, best.country, best.sectors, best.title, "current", best)
    past = [c for c in codings if c.end is not None and c.end < when]
    if past:
        best = max(past, key=lambda c: c.end)
        sectors = (ELITE,) if actor.kind == PERSON else best.sectors
        return Resolved(actor, best.country, sectors, None if actor.kind == PERSON else best.title,
                        "former", best)
    best = min(codings, key=lambda c: c.start or date.max)
    # Not yet in office: the country still holds, the office does not.
    sectors = () if actor.kind == PERSON else best.sectors
    return Resolved(actor, best.country, sectors, None, "future", best)


class ActorIndex:
    """Surface form -> named actors. Later sources take priority over earlier ones."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], NamedActor] = {}
        self.by_form: dict[str, list[NamedActor]] = {}
        self.by_folded: dict[str, list[NamedActor]] = {}
        self.by_surname: dict[str, list[NamedActor]] = {}
        self.any_case: set[str] = set()  # casefolded forms from case-insensitive sources
        self.holders: dict[tuple[str, str], list[tuple[NamedActor, Coding]]] = {}

    def actor(self, name: str, kind: str) -> NamedActor:
        key = (kind, name.casefold())
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = NamedActor(name=name, kind=kind)
        return found

    def add_form(self, actor: NamedActor, form: str, priority: bool = False,
                 any_case: bool = False) -> None:
        form = " ".join(form.split())
        if not form or form in actor.forms:
            return
        actor.forms.add(form)
        if any_case:
            self.any_case.add(form.casefold())
        for table, key in ((self.by_form, form), (self.by_folded, form.casefold())):
            entries = table.setdefault(key, [])
            if actor not in entries:
                entries.insert(0, actor) if priority else entries.append(actor)
        if actor.kind == PERSON:
            for surname in surnames(form):
                entries = self.by_surname.setdefault(surname.casefold(), [])
                if actor not in entries:
                    entries.append(actor)

    def add_coding(self, actor: NamedActor, coding: Coding) -> None:
        actor.codings.append(coding)
        if coding.country:
            for role in coding.roles:
                self.holders.setdefault((coding.country, role), []).append((actor, coding))
            if coding.title:
                self.holders.setdefault((coding.country, coding.title.casefold()), []).append((actor, coding))

    def lookup(self, form: str) -> list[NamedActor]:
        """Actors written exactly `form`; failing that, in any case if it is more than
        one word or comes from a case-insensitive dictionary (so the acronym "AP" never
        matches the word "ap")."""
        folded = form.casefold()
        if " " in form or folded in self.any_case:
            found = self.by_folded.get(folded)  # holds the exact forms too, priority first
        else:
            found = self.by_form.get(form)
        return list(found or ())

    def by_last_name(self, name: str) -> list[NamedActor]:
        return list(self.by_surname.get(name.casefold(), ()))

    def holder(self, country: str, office: str, when: date | None) -> tuple[NamedActor, Coding] | None:
        """Who held `office` (a role such as head_of_state, or a title such as
        "president") for `country` on `when` — only when exactly one person did."""
        candidates = self.holders.get((country, office.casefold()), [])
        if when is None:
            return None
        current = {id(a): (a, c) for a, c in candidates if active(c.start, c.end, when)}
        if len(current) == 1:
            return next(iter(current.values()))
        return None

    def load_table(self, path: Path, default_kind: str | None = None, priority: bool = False) -> int:
        """Load an eventwire TSV of people or organisations; returns the row count.

        Columns (header names, any order): name and country are required; aliases,
        sectors, kind, role, title, start, end and gender are optional.
        """
        count = 0
        for row in read_table(path, required=("name", "country")):
            self._add_row(row, default_kind, priority)
            count += 1
        return count

    def _add_row(self, row: Row, default_kind: str | None, priority: bool) -> None:
        name = row.get("name")
        if not name:
            return
        kind = default_kind or _kind_of(row)
        actor = self.actor(name, kind)
        if kind == ORGANISATION and row.get("kind"):
            actor.org_kind = row.get("kind")
        if row.get("gender") in ("m", "f"):
            actor.gender = row.get("gender")
        for form in (name, *row.list("aliases")):
            self.add_form(actor, form, priority)
        self.add_coding(actor, Coding(
            country=row.get("country") or None,
            sectors=row.list("sectors"),
            start=parse_start(row.get("start"), row.source),
            end=parse_end(row.get("end"), row.source),
            source=row.source,
            title=row.get("title") or None,
            roles=row.list("role"),
        ))


def _kind_of(row: Row) -> str:
    kind = row.get("kind").lower()
    if kind in ("person", "people") or row.get("role") or row.get("gender"):
        return PERSON
    if kind:
        return ORGANISATION
    return ACTOR


_PARTICLES = {"al", "el", "bin", "ibn", "von", "van", "der", "de", "da", "dos", "del", "la", "le", "di"}


def surnames(full_name: str) -> list[str]:
    """The ways news refers to a person by surname alone: "Putin" for Vladimir Putin,
    "von der Leyen" and "Leyen"-free forms for Ursula von der Leyen, "Sisi" for al-Sisi."""
    words = full_name.replace(".", ". ").split()
    if len(words) < 2:
        return []
    found = []
    last = words[-1]
    found.append(last)
    for prefix in ("al-", "el-", "Al-", "El-"):
        if last.startswith(prefix) and len(last) > len(prefix) + 1:
            found.append(last[len(prefix):])
    # Particles belong to the surname: "von der Leyen", "da Silva", "bin Salman".
    i = len(words) - 2
    while i >= 1 and words[i].lower() in _PARTICLES:
        found.append(" ".join(words[i:]))
        i -= 1
    return found
