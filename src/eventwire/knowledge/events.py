"""Event knowledge: trigger patterns, PLOVER types and the words read around triggers
(data/event_patterns.toml, data/event_types.toml, data/event_words.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
KEYS = {"name", "type", "mode", "context", "verbs", "nouns", "objects", "unless_objects", "object_is_actor", "object_as_actor", "no_object",
        "prep", "particle", "complement", "modifiers", "subjects", "recipient", "reciprocal", "verbal"}
DEFAULT_RECIPIENT = ("object", "with", "against", "on", "to")


@dataclass(frozen=True)
class Pattern:
    name: str
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    unless_objects: frozenset[str] = frozenset()
    object_is_actor: bool = False
    object_as_actor: bool = False
    no_object: bool = False
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    recipient: tuple[str, ...] = DEFAULT_RECIPIENT
    reciprocal: bool = False
    verbal: bool = False

    @property
    def specificity(self) -> int:
        """Patterns with more constraints are tried first."""
        return sum(bool(x) for x in (self.objects, self.object_is_actor, self.no_object, self.prep,
                                     self.particle, self.complement, self.modifiers, self.subjects))


@dataclass
class EventKnowledge:
    patterns: list[Pattern]
    by_verb: dict[str, list[Pattern]] = field(default_factory=dict)
    by_noun: dict[str, list[Pattern]] = field(default_factory=dict)
    types: dict = field(default_factory=dict)
    words: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for pattern in sorted(self.patterns, key=lambda p: -p.specificity):
            for verb in pattern.verbs:
                self.by_verb.setdefault(verb, []).append(pattern)
            for noun in pattern.nouns:
                self.by_noun.setdefault(noun, []).append(pattern)

    def word_set(self, section: str, name: str) -> frozenset[str]:
        return self.words.get(section, {}).get(name, frozenset())

    def score(self, type_: str, mode: str | None) -> tuple[float | None, str | None, str | None]:
        """(intensity, CAMEO code, quad) for a type and mode."""
        info = self.types.get(type_, {})
        modes = info.get("modes", {})
        if mode and mode in modes:
            return modes[mode]["intensity"], modes[mode]["cameo"], info.get("quad")
        return info.get("intensity"), info.get("cameo"), info.get("quad")

    @classmethod
    def load(cls, data: Path) -> "EventKnowledge":
        patterns = []
        for path in [data / "event_patterns.toml"]:
            patterns += load_patterns(path)
        types = tomllib.loads((data / "event_types.toml").read_text(encoding="utf-8"))
        raw = tomllib.loads((data / "event_words.toml").read_text(encoding="utf-8"))
        words: dict = {}
        for section, lists in raw.items():
            if section == "modes":
                words["modes"] = {t: {m: frozenset(ws) for m, ws in modes.items()} for t, modes in lists.items()}
            else:
                words[section] = {name: frozenset(ws) for name, ws in lists.items()}
        return cls(patterns, types=types, words=words)


def load_patterns(path: Path) -> list[Pattern]:
    """Read and check a pattern file; errors name the pattern and what to fix."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the event patterns ({err}) — fix the TOML") from None
    patterns = []
    seen = set()
    for n, item in enumerate(raw.get("pattern", []), 1):
        name = item.get("name") or f"pattern {n}"
        unknown = set(item) - KEYS
        if unknown:
            raise ConfigError(f"{path}: {name}: unknown keys {sorted(unknown)} — see the file's header for the allowed ones")
        if item.get("type") not in TYPES:
            raise ConfigError(f"{path}: {name}: type {item.get('type')!r} is not a PLOVER type — use one of {', '.join(TYPES)}")
        if not item.get("verbs") and not item.get("nouns"):
            raise ConfigError(f"{path}: {name}: give verbs or nouns to trigger on")
        if name in seen:
            raise ConfigError(f"{path}: {name}: the name is used twice — pattern names must be unique")
        seen.add(name)
        patterns.append(Pattern(
            name=name, type=item["type"], mode=item.get("mode"), context=tuple(item.get("context", ())),
            verbs=frozenset(item.get("verbs", ())), nouns=frozenset(item.get("nouns", ())),
            objects=frozenset(item.get("objects", ())), unless_objects=frozenset(item.get("unless_objects", ())),
            object_is_actor=bool(item.get("object_is_actor")),
            object_as_actor=bool(item.get("object_as_actor")),
            no_object=bool(item.get("no_object")), prep=frozenset(item.get("prep", ())),
            particle=frozenset(item.get("particle", ())), complement=frozenset(item.get("complement", ())),
            modifiers=frozenset(item.get("modifiers", ())), subjects=frozenset(item.get("subjects", ())),
            recipient=tuple(item.get("recipient", DEFAULT_RECIPIENT)),
            reciprocal=bool(item.get("reciprocal")), verbal=bool(item.get("verbal")),
        ))
    return patterns
