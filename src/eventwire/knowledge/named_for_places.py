"""Names that begin with a place's name or word but are no place (data/named_for_places.tsv,
written by tools/make_named_for_places.py): holidays ("Victoria Day"), kinds of things named
for a place ("Danish pastry", "Panama hat") and ship prefixes ("HMS Belfast")."""

from __future__ import annotations

from pathlib import Path

from .tables import read_table

HOLIDAY, THING, SHIP = "holiday", "thing", "ship"


class NamedForPlaces:
    def __init__(self) -> None:
        self.by_first: dict[str, list[tuple[str, str]]] = {}  # first word -> [(phrase, kind)], longest first
        self.ship_prefixes: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> "NamedForPlaces":
        out = cls()
        ships = set()
        for row in read_table(path, required=("phrase", "kind")):
            phrase, kind = " ".join(row.get("phrase").split()), row.get("kind")
            if kind == SHIP:
                ships.add(phrase)
            elif phrase:
                out.by_first.setdefault(phrase.split()[0].casefold(), []).append((phrase.casefold(), kind))
        for phrases in out.by_first.values():
            phrases.sort(key=lambda item: -len(item[0]))
        out.ship_prefixes = frozenset(ships)
        return out

    def name_at(self, text: str, start: int) -> tuple[str, str] | None:
        """The (phrase, kind) that `text` spells from `start` on, the phrase's last word also
        with an -s ("Brussels sprouts", "Guinea pigs"); None when there is none."""
        end = start
        while end < len(text) and (text[end].isalnum() or text[end] in "-'."):
            end += 1
        phrases = self.by_first.get(text[start:end].rstrip(".'").casefold())
        if not phrases:
            return None
        for phrase, kind in phrases:
            stop = start + len(phrase)
            if text[start:stop].casefold() != phrase:
                continue
            if stop < len(text) and text[stop] == "s":
                stop += 1
            if stop >= len(text) or not text[stop].isalnum():
                return phrase, kind
        return None
