"""What eventwire knows about the world, loaded from data files a user can read and extend.

  data/countries.json        names, aliases, adjectives, demonyms, capitals, codes, centroids
  data/titles.tsv            titles, agent nouns and sector modifiers
  data/persons/*.tsv         office holders 2015-2026 with date ranges
  data/organisations.tsv     IGOs, NGOs, media, armed groups, parties, government bodies
  data/cameo_codes.tsv       how CAMEO code elements map to PLOVER
  data/admin1.tsv, data/regions.tsv   places a city list lacks (see places.py)
  data/named_for_places.tsv  holidays, things and ships named for a place, which are no place
  data/lexicon.toml          closed-class words the rules use (title prefixes, pronouns...)
  data/quote_cues.tsv        verbs and phrases of attribution, with the frames they take
  data/event_*.toml          event trigger patterns, PLOVER types and scores, modality words
  data/timex.toml            words of temporal expressions (weekdays, months, units ...)

`Knowledge.load(extra)` adds user dictionaries (the `actor_files` setting): an eventwire TSV of
named actors (header with name and country) or of agent terms (header with term,
sectors, kind), or a CAMEO/TABARI actor or agent dictionary. User entries take
priority over the built-in ones.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError
from .actors import ORGANISATION, PERSON, ActorIndex
from .cameo import (
    CodeTable,
    is_agent_dictionary,
    load_actor_dictionary,
    load_agent_dictionary,
    looks_like_cameo,
)
from .countries import Countries
from .events import EventKnowledge
from .named_for_places import NamedForPlaces
from .places import Places
from .tables import read_table
from .terms import Terms
from .timex import TimexPatterns, TimexWords

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass
class Knowledge:
    countries: Countries
    terms: Terms
    actors: ActorIndex
    places: Places
    lexicon: dict
    cues: dict[str, frozenset[str]]
    events: EventKnowledge
    timex: TimexPatterns
    sources: list[str] = field(default_factory=list)  # user dictionaries, for reports
    named_for_places: NamedForPlaces = field(default_factory=NamedForPlaces)

    @classmethod
    def load(cls, extra: Sequence[Path] = (), cache_dir: Path | None = None) -> "Knowledge":
        countries = Countries.load(DATA / "countries.json")
        terms = Terms()
        terms.load_tsv(DATA / "titles.tsv")
        actors = ActorIndex()
        for path in sorted((DATA / "persons").glob("*.tsv")):
            actors.load_table(path, PERSON)
        actors.load_table(DATA / "organisations.tsv", ORGANISATION)
        places = Places.load(DATA, countries, cache_dir)
        raw = tomllib.loads((DATA / "lexicon.toml").read_text(encoding="utf-8"))
        lexicon = {section: {name: frozenset(words) for name, words in lists.items()}
                   for section, lists in raw.items()}
        cues = {" ".join(row.get("cue").lower().split()): frozenset(row.list("frames"))
                for row in read_table(DATA / "quote_cues.tsv", required=("cue", "frames"))}

        timex = TimexPatterns(TimexWords.load(DATA / "timex.toml"))
        knowledge = cls(countries, terms, actors, places, lexicon, cues, EventKnowledge.load(DATA), timex,
                        named_for_places=NamedForPlaces.load(DATA / "named_for_places.tsv"))
        codes = CodeTable.load(DATA / "cameo_codes.tsv", {c.code for c in countries.all})
        for path in extra:
            knowledge.add_dictionary(Path(path), codes)
        return knowledge

    def words(self, section: str, name: str) -> frozenset[str]:
        """A word list from lexicon.toml, e.g. words("pronouns", "masculine")."""
        return self.lexicon.get(section, {}).get(name, frozenset())

    def add_dictionary(self, path: Path, codes: CodeTable) -> None:
        """Add a user actor or agent dictionary, recognising its format."""
        if not path.is_file():
            raise ConfigError(f"actor dictionary {path}: no such file — check the path")
        suffix = path.suffix.lower()
        if suffix in (".tsv", ".tab"):
            header = _header(path)
            if "term" in header:
                self.terms.load_tsv(path, override=True)
            elif "name" in header and "country" in header:
                self.actors.load_table(path, priority=True)
            else:
                raise ConfigError(
                    f"actor dictionary {path}: unknown TSV dictionary — its header must name the columns "
                    "'name, country[, aliases, sectors, kind, title, start, end]' for actors or "
                    "'term, sectors, kind' for agent nouns"
                )
        elif suffix in (".txt", ".actors", ".agents", ".dict", "") and looks_like_cameo(path):
            if is_agent_dictionary(path):
                load_agent_dictionary(path, self.terms, codes)
            else:
                load_actor_dictionary(path, self.actors, codes)
        else:
            raise ConfigError(
                f"actor dictionary {path}: unknown dictionary format — give an eventwire .tsv "
                "(see docs/knowledge.md) or a CAMEO/TABARI actor or agent dictionary (.txt)"
            )
        self.sources.append(str(path))


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip() and not line.lstrip().startswith("#"):
                return [cell.strip().lower() for cell in line.split("\t")]
    return []
