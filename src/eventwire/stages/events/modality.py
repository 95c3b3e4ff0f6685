"""How an event is meant and how PLOVER reads it: negation and modality (possible,
planned, intended, required, conditional), the type a promise, threat, refusal or riot
becomes, its mode and contexts, and how sure the coding is.

`convert`, `by_actor` and `threat_mode` are rules over a bare `Event`: they need no parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...document.layers import Event
from ...knowledge.events import (
    AGREEING,
    CONFLICTUAL,
    COOPERATIVE,
    STATE_SECTORS,
    EventWords,
    Pattern,
)
from ...nlp.syntax import sentence_of
from .context import EventContext, is_nominal

# The kind of threat a threatened act is.
THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict",
                "SANCTION": "relations", "PROTEST": "restrict"}
# Sectors of people who are not the state: violence by them is a riot.
CIVILIAN_SECTORS = frozenset({"CVL", "EDU", "LAB", "AGR", "REL", "SOC"})


def modality(words: EventWords, event: Event, trigger: Token, governors: list[Token]) -> None:
    """Negation, and the modality the trigger and the verbs governing it give the event."""
    chain = [trigger] + governors
    if trigger.sent.text.rstrip(" '\"\u2019\u201d").endswith("?") or _asked_whether(trigger):
        event.modality = "question"  # "Are we going to send troops to Congo?"
        return
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
        chain.append(trigger.head)  # "an Israeli strike could come within days": its verb says how sure
    for node in chain:
        if any(c.dep_ == "neg" for c in node.children):
            event.negated = not event.negated
    for node in chain:
        lemma = node.lemma_.lower()
        auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
        if any(a in words.possible for a in auxes):
            event.modality = event.modality or "possible"
        if node is not trigger and lemma in words.intended:
            event.modality = "intended"
        elif node is not trigger and lemma in words.planned:
            event.modality = event.modality or "planned"
        elif node is not trigger and lemma in words.required:
            event.modality = event.modality or "required"
        if any(a in words.obligation for a in auxes):
            event.modality = event.modality or "required"
        if any(a in words.future for a in auxes):
            event.modality = event.modality or "future"
        for child in node.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words.conditional for m in child.children):
                if event.modality is None or (event.modality == "future" and not any(
                        m.lower_ == "unless" for m in child.children)):
                    event.modality = "conditional" if event.modality is None else event.modality
                event.intended = event.intended or ("unless" if any(m.lower_ == "unless" for m in child.children) else None)


def _asked_whether(trigger: Token) -> bool:
    """Inside a "whether" clause: "asked whether India would join the sanctions", "it is unclear
    whether troops will withdraw"."""
    node = trigger
    while True:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
            return True
        if node.head.i == node.i or node.dep_ not in ("ccomp", "xcomp", "conj", "dobj", "pobj", "nsubj", "nsubjpass"):
            return False
        node = node.head


def by_actor(event: Event, pattern: Pattern | None = None) -> None:
    """PLOVER separates civilian from state action: violence by protesters or
    civilians is a riot (PROTEST), and a state does not protest — when a government
    blocks or obstructs, it restricts (COERCE). A pattern may name what its act is when civilians
    do it (`by_civilians`: people who protest demonstrate; a state that protests complains)."""
    sectors = set(event.actor.sectors) if event.actor else set()
    if event.type in ("ASSAULT", "COERCE") and sectors and sectors <= CIVILIAN_SECTORS:
        event.intended, event.type, event.mode = event.type, "PROTEST", "riot"
    elif event.type == "PROTEST" and sectors & STATE_SECTORS and event.mode in ("obstruct", "boycott", None):
        event.type, event.mode = "COERCE", "restrict"
    elif pattern is not None and pattern.by_civilians and sectors and sectors <= CIVILIAN_SECTORS | {"OPP"}:
        event.type, event.mode = pattern.by_civilians  # "residents protesting against power cuts"


def convert(event: Event, pattern: Pattern | None = None) -> None:
    """PLOVER's reading of intentions: a promised cooperative act is AGREE, a
    promised conflictual one THREATEN, a refused cooperative one REJECT."""
    by_actor(event, pattern)
    unless = event.intended == "unless"
    if unless:
        event.intended = None
    if event.negated and event.type in AGREEING and event.modality in ("future", "intended", "conditional"):
        event.intended, event.type, event.negated = event.type, "REJECT", False
        event.mode = None
        return
    if event.modality in ("future", "intended", "conditional") or unless:
        if event.type in COOPERATIVE and event.modality in ("future", "intended", "conditional"):
            event.intended, event.type, event.mode = event.type, "AGREE", None
        elif event.type in CONFLICTUAL:
            event.intended, event.type = event.type, "THREATEN"
            event.mode = threat_mode(event.intended)
    if event.modality == "future":
        event.modality = "intended"


def threat_mode(act: str) -> str | None:
    """The mode of a threat to commit the act ("threatened to invade": violence)."""
    return THREAT_MODES.get(act)


def mode_from_words(words: EventWords, type_: str, trigger: Token, actor_heads: list[Token]) -> str | None:
    """The first mode of the type whose cue words are around the trigger or its actor."""
    table = words.modes.get(type_)
    if not table:
        return None
    near = list(trigger.subtree)
    if len(near) > 40:
        near = [trigger, *trigger.children]
    for head in actor_heads:
        near += [head, *head.children]
    seen = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
    for mode, cues in table.items():
        if seen & cues:
            return mode
    return None


def contexts(ctx: EventContext, event: Event, trigger: Token) -> None:
    """Add the PLOVER contexts whose cue words or phrases are in the trigger's sentence."""
    sentence = sentence_of(ctx.doc, trigger.i)
    words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
    text = sentence.text.lower()
    for context, cues in ctx.words.contexts.items():
        if context not in event.context and (words & cues or any(" " in c and c in text for c in cues)):
            event.context.append(context)


def confidence(event: Event, trigger: Token) -> None:
    """How sure the coding is: less without an actor of known country or sector, without
    the recipient the type needs, for a noun, for what has not happened."""
    score = 0.9
    if event.actor is None or event.actor.empty or not (event.actor.countries or event.actor.sectors):
        score -= 0.3
    if event.recipient is None and event.type in ("COOPERATE", "AID", "SANCTION"):
        score -= 0.15
    if is_nominal(trigger):
        score -= 0.1
    if event.hypothetical:
        score -= 0.1
    event.confidence = max(0.1, score)
