"""Titles, agent nouns and sector modifiers (data/titles.tsv, plus agent dictionaries).

  title     precedes a name: "President", "Foreign Minister", "Gen."
  agent     heads a phrase that denotes an actor: "troops", "officials", "separatists"
  modifier  sets the sector of the agent it modifies: "military" official, "riot" police
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .tables import read_table

TITLE, AGENT, MODIFIER = "title", "agent", "modifier"


@dataclass(frozen=True)
class Term:
    term: str  # lowercase, words separated by single spaces
    sectors: tuple[str, ...]
    kinds: frozenset[str]
    source: str


class Terms:
    def __init__(self) -> None:
        self.by_term: dict[str, Term] = {}
        self.longest = 1  # words in the longest term
        self.last_words: set[str] = set()  # last word of every term, for a quick first test

    def add(self, term: Term, override: bool = False) -> None:
        """Add a term; with `override`, its sectors replace an existing entry's, and the
        kinds are merged (an agent dictionary does not unmake a title)."""
        old = self.by_term.get(term.term)
        if old is not None:
            if not override:
                return
            term = Term(term.term, term.sectors or old.sectors, old.kinds | term.kinds, term.source)
        self.by_term[term.term] = term
        self.longest = max(self.longest, term.term.count(" ") + 1)
        self.last_words.add(term.term.rsplit(" ", 1)[-1])

    def get(self, words: str, kind: str | None = None) -> Term | None:
        term = self.by_term.get(words.lower())
        if term is not None and (kind is None or kind in term.kinds):
            return term
        return None

    def multiword(self) -> list[str]:
        return [t for t in self.by_term if " " in t]

    def load_tsv(self, path: Path, override: bool = False) -> None:
        for row in read_table(path, required=("term", "sectors", "kind")):
            term = " ".join(row.get("term").lower().split())
            if not term:
                continue
            self.add(Term(term, row.list("sectors"), frozenset(row.list("kind")), row.source), override)
