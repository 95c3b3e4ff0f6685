"""Where in a trigger's clause its recipient may be named. A pattern lists its sources in
order (`recipient = [...]` in data/event_patterns.toml); each named source is one small
function in `RECIPIENT_SOURCES`, and any other name is a preposition ("with", "against").
Each function returns the candidate head tokens; roles.py decides who they stand for.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from .context import SUBJECT_DEPS, EventContext, object_of

RecipientSource = Callable[[EventContext, Token], list[Token]]


def from_object(ctx: EventContext, trigger: Token) -> list[Token]:
    """The verb's object. "object_owner" names the same source where what matters is whose
    the object is ("raided the offices of X"): roles.py looks for the owner of any head
    that is not itself an actor."""
    obj = object_of(trigger) if trigger.pos_ in ("VERB", "AUX") else None
    return [obj] if obj is not None else []


def from_dative(ctx: EventContext, trigger: Token) -> list[Token]:
    """ "gave Ukraine weapons": the indirect object."""
    return [c for c in trigger.children if c.dep_ in ("dative", "iobj")]


def from_complement(ctx: EventContext, trigger: Token) -> list[Token]:
    """ "demanded that Israel ease restrictions": the subject of the complement clause."""
    clause = next((c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")), None)
    if clause is not None:
        return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def from_complement_object(ctx: EventContext, trigger: Token) -> list[Token]:
    """ "threatened to expel the diplomats": the object of the to-complement."""
    clause = next((c for c in trigger.children if c.dep_ == "xcomp"), None)
    return [c for c in clause.children if c.dep_ == "dobj"] if clause is not None else []


def from_subject(ctx: EventContext, trigger: Token) -> list[Token]:
    """The trigger's own subject (for patterns whose subject undergoes the act)."""
    return [c for c in trigger.children if c.dep_ in SUBJECT_DEPS]


def from_complement_any(ctx: EventContext, trigger: Token) -> list[Token]:
    """ "threatened to deliver blows to the United States", "offered to negotiate with the
    president of Armenia": the recipient inside what is threatened or offered."""
    heads = []
    for clause in (c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")):
        # not inside its conditions: "... if sanctions halted Iran's exports"
        aside = {t.i for a in clause.subtree if a.dep_ == "advcl" for t in a.subtree}
        for token in (t for t in clause.subtree if t.i not in aside):
            if token.dep_ in ("dobj", "dative") and token.head.i != trigger.i:
                heads.append(token)
            elif token.dep_ == "pobj" and token.head.lower_ in ("to", "with", "against", "on", "from", "into",
                                                               "toward", "between", "among"):
                heads.append(token)
    return heads


def from_condition(ctx: EventContext, trigger: Token) -> list[Token]:
    """ "threatened to quit the talks if the United States deploys ...": the one the
    condition is on."""
    heads = []
    for advcl in (t for t in trigger.subtree if t.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in advcl.children):
            heads += [c for c in advcl.children if c.dep_ in ("nsubj", "nsubjpass") and ctx.is_actor(c)]
    return heads


def from_against_any(ctx: EventContext, trigger: Token) -> list[Token]:
    """Anything "against" or "on" anywhere below the trigger."""
    return [t for t in trigger.subtree if t.dep_ == "pobj" and t.head.lower_ in ("against", "on")]


def from_preposition(ctx: EventContext, trigger: Token, preposition: str) -> list[Token]:
    """The object of the preposition on the trigger, on its object, on a light verb that
    carries it, or on what those are "of" ("the withdrawal of some invasion forces from
    Panama", "spoke by telephone with X", "a hunger strike in protest against ...")."""
    heads = []
    holders = [trigger]
    obj = object_of(trigger) if trigger.pos_ in ("VERB", "AUX") else None
    if obj is not None:
        holders.append(obj)
    if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in ctx.words.light_verbs:
        holders.append(trigger.head)  # "waged war against the government"
    for holder in list(holders):
        for prep in holder.children:
            if prep.dep_ == "prep" and (prep.lower_ == "of" or (holder.i == trigger.i and prep.lower_ in ("by", "over", "via"))):
                holders += [c for c in prep.children if c.dep_ == "pobj"]
            elif prep.dep_ == "prep" and prep.lower_ == "in":
                holders += [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in ("protest", "response", "retaliation")]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == preposition:
                heads += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
    return heads


def from_source_phrase(ctx: EventContext, trigger: Token) -> list[Token]:
    """ "came under fire from soldiers", "came under attack by rebels": who the act came from,
    on the trigger or on the object of its preposition."""
    holders = [trigger] + [o for p in trigger.children if p.dep_ == "prep"
                           for o in p.children if o.dep_ == "pobj"]
    return [o for holder in holders for p in holder.children if p.dep_ in ("prep", "agent")
            and p.lower_ in ("from", "by") for o in p.children if o.dep_ == "pobj"]


# Keyed by the names event_patterns.toml uses; tests check that every name it uses is here
# or a preposition.
RECIPIENT_SOURCES: dict[str, RecipientSource] = {
    "object": from_object,
    "object_owner": from_object,
    "dative": from_dative,
    "complement": from_complement,
    "complement_object": from_complement_object,
    "subject": from_subject,
    "complement_any": from_complement_any,
    "condition": from_condition,
    "against_any": from_against_any,
    "source_phrase": from_source_phrase,
}


def recipient_heads(ctx: EventContext, trigger: Token, source: str) -> list[Token]:
    """The candidate recipient heads one source names."""
    find = RECIPIENT_SOURCES.get(source)
    if find is not None:
        return find(ctx, trigger)
    return from_preposition(ctx, trigger, source)
