"""Event knowledge: trigger patterns, PLOVER types and the words read around triggers
(data/event_patterns.toml, data/event_types.toml, data/event_words.toml), and the facts of
PLOVER the event stage reasons with (which types cooperate, which govern speech ...).

Knowledge, not a stage: loaded once by `Knowledge.load` and read by the events stage.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
KEYS = {"name", "type", "mode", "context", "verbs", "nouns", "objects", "unless_objects", "object_is_actor", "object_as_actor", "no_object",
        "prep", "particle", "complement", "modifiers", "subjects", "recipient", "actor", "predicates", "by_civilians", "reciprocal", "verbal"}
DEFAULT_RECIPIENT = ("object", "with", "against", "on", "to")

# ---- facts of PLOVER ---------------------------------------------------------------
# Acts that, promised, are AGREE (and refused, REJECT) ...
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
# ... and acts that, promised, are THREATEN.
CONFLICTUAL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
# Acts whose refusal ("will not accept") is REJECT.
AGREEING = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# Speech acts whose to-complement is what they are about, not a second event.
VERBAL_GOVERNORS = frozenset({"AGREE", "REJECT", "THREATEN", "REQUEST", "ACCUSE"})
# Events whose content (what is accused, demanded, welcomed) is not a second event.
CONTENT_HOLDERS = VERBAL_GOVERNORS | {"SUPPORT"}
# Types whose missing country is where they happen (GSR convention: victims, protesters).
LOCATED = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
# Event types that always have a target (PLOVER codes one even when the text names only a place).
TARGETED = frozenset({"ASSAULT", "COERCE"})
# Codes that stand in a country field but name no state (international bodies, NGOs,
# companies, transnational groups): a source of one of these lends no country.
# Modalities of acts that did not happen: could, plans to, must. Such an event stays in the
# record, flagged, but is not counted as an event (PLOVER codes what happened or was said;
# intentions, promises, threats and refusals are converted to AGREE, THREATEN and REJECT first).
NOT_HAPPENED = frozenset({"possible", "planned", "required", "question"})
INTERNATIONAL = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "ISM", "IMG"})
# Sectors of the state: government, military, police, judiciary, legislature, intelligence.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


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
    predicates: frozenset[str] = frozenset()
    recipient: tuple[str, ...] = DEFAULT_RECIPIENT
    actor: tuple[str, ...] = ()  # where the actor comes from instead of the subject, as recipient sources
    by_civilians: tuple[str, str | None] | None = None  # (type, mode) of the act when civilians do it
    reciprocal: bool = False
    verbal: bool = False

    @property
    def specificity(self) -> int:
        """Patterns with more constraints are tried first."""
        return sum(bool(x) for x in (self.objects, self.object_is_actor, self.no_object, self.prep,
                                     self.particle, self.complement, self.modifiers, self.subjects,
                                     self.predicates))


@dataclass(frozen=True)
class EventWords:
    """The word lists of data/event_words.toml, read once. A list the file lacks is empty."""

    intended: frozenset[str] = frozenset()  # [modality]
    planned: frozenset[str] = frozenset()
    possible: frozenset[str] = frozenset()
    future: frozenset[str] = frozenset()
    obligation: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    conditional: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()  # [light_verbs] verbs
    motion_verbs: frozenset[str] = frozenset()  # [light_verbs] motion
    group_nouns: frozenset[str] = frozenset()  # [roles]
    partitives: frozenset[str] = frozenset()
    nature: frozenset[str] = frozenset()  # [not_actors]
    sport: frozenset[str] = frozenset()
    markets: frozenset[str] = frozenset()
    transport: frozenset[str] = frozenset()
    sport_people: frozenset[str] = frozenset()
    concepts: frozenset[str] = frozenset()
    background_marks: frozenset[str] = frozenset()  # [background] marks
    blame: frozenset[str] = frozenset()  # [claims] blame
    no_comment: frozenset[str] = frozenset()  # [not_acts] what refusing to do is no refusal
    question_words: frozenset[str] = frozenset()  # [not_acts] what makes "asked" a question
    # type -> mode -> cue words, and context -> cue words; in file order, which decides
    # which mode or context is found first.
    modes: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> "EventWords":
        def words(section: str, name: str) -> frozenset[str]:
            return frozenset(raw.get(section, {}).get(name, ()))

        return cls(
            intended=words("modality", "intended"), planned=words("modality", "planned"),
            possible=words("modality", "possible"), future=words("modality", "future"),
            obligation=words("modality", "obligation"), required=words("modality", "required"),
            conditional=words("modality", "conditional"),
            light_verbs=words("light_verbs", "verbs"), motion_verbs=words("light_verbs", "motion"),
            group_nouns=words("roles", "group_nouns"), partitives=words("roles", "partitives"),
            nature=words("not_actors", "nature"), sport=words("not_actors", "sport"),
            markets=words("not_actors", "markets"), transport=words("not_actors", "transport"),
            sport_people=words("not_actors", "sport_people"), concepts=words("not_actors", "concepts"),
            background_marks=words("background", "marks"), blame=words("claims", "blame"),
            no_comment=words("not_acts", "no_comment"), question_words=words("not_acts", "question_words"),
            modes={type_: {mode: frozenset(cues) for mode, cues in modes.items()}
                   for type_, modes in raw.get("modes", {}).items()},
            contexts={context: frozenset(cues) for context, cues in raw.get("contexts", {}).items()},
        )


@dataclass
class EventKnowledge:
    patterns: list[Pattern]
    by_verb: dict[str, list[Pattern]] = field(default_factory=dict)
    by_noun: dict[str, list[Pattern]] = field(default_factory=dict)
    types: dict = field(default_factory=dict)
    words: EventWords = field(default_factory=EventWords)
    # Every word a trigger can be: a verb's lemma, or the last word of an event noun ("strike" of
    # "hunger strike"). A token that is none of these triggers nothing.
    trigger_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for pattern in sorted(self.patterns, key=lambda p: -p.specificity):
            for verb in pattern.verbs:
                self.by_verb.setdefault(verb, []).append(pattern)
            for noun in pattern.nouns:
                self.by_noun.setdefault(noun, []).append(pattern)
        self.trigger_words = frozenset(self.by_verb) | {noun.split()[-1] for noun in self.by_noun}

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
        words = EventWords.from_toml(tomllib.loads((data / "event_words.toml").read_text(encoding="utf-8")))
        return cls(patterns, types=types, words=words)


def _by_civilians(item: dict, path: Path, name: str) -> tuple[str, str | None] | None:
    value = item.get("by_civilians")
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("type") not in TYPES:
        raise ConfigError(f"{path}: {name}: by_civilians must be {{ type = TYPE, mode = MODE }} with a PLOVER type")
    return value["type"], value.get("mode")


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
            predicates=frozenset(item.get("predicates", ())),
            recipient=tuple(item.get("recipient", DEFAULT_RECIPIENT)), actor=tuple(item.get("actor", ())),
            by_civilians=_by_civilians(item, path, name),
            reciprocal=bool(item.get("reciprocal")), verbal=bool(item.get("verbal")),
        ))
    return patterns
