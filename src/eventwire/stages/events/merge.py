"""One event per act: a speech act absorbs the act it governs or holds ("threatened to
ban"), a purpose or manner clause belongs to the act it hangs on, a reported obligation
absorbs the act it demands, and the same act stated twice is one event with all its
evidence.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...document.layers import Event
from ...knowledge.events import CONTENT_HOLDERS, VERBAL_GOVERNORS
from .clauses import governors
from .context import EventContext


def governed(ctx: EventContext, events: list[Event]) -> list[Event]:
    """A speech act governing another event ("threatened to ban", "refused to
    deploy") is the event; the governed act is its content, not a second event."""
    by_trigger = {e.trigger_i: e for e in events}
    drop = set()
    for event in events:
        node = ctx.doc[event.trigger_i]
        # "began a hunger strike to protest ...", "blocked roads demanding ...": the
        # purpose or manner of an event is part of it, not another event — except a
        # separate speech act of a non-protest ("cut ties, accusing Doha of ...").
        clause = node
        while clause.dep_ == "conj" and clause.tag_ == "VBG" and clause.head.tag_ == "VBG":
            clause = clause.head  # "..., freezing their assets and banning them from ..."
        outer = clause_event(clause, by_trigger) if clause.dep_ in ("advcl", "xcomp", "acl") else None
        if outer is not None and outer is not event:
            purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            manner = node.tag_ == "VBG"
            if purpose or (manner and (outer.type == "PROTEST" or event.type not in VERBAL_GOVERNORS)):
                drop.add(id(event))
                # "marched in Lima to protest against Chile's decision": what the act is
                # aimed at names the recipient better than where it happened
                if event.recipient is not None and event.recipient.countries and (
                        outer.recipient is None or outer.recipient.empty
                        or outer.recipient.note == "the country where it happened"):
                    outer.recipient = event.recipient
                continue
        outer = content_of(node, by_trigger)
        if outer is not None and outer is not event:
            drop.add(id(event))
            if outer.recipient is None and event.recipient is not None:
                outer.recipient = event.recipient
            continue
        step = node
        for governor in governors(ctx, node):
            if step.dep_ == "conj":
                break  # "Russia denied the report, and the village was attacked": two events
            outer = by_trigger.get(governor.i)
            if outer is not None and outer.type in VERBAL_GOVERNORS and outer is not event:
                drop.add(id(event))
                if outer.recipient is None and event.recipient is not None:
                    outer.recipient = event.recipient
                break
            step = governor
    return [e for e in events if id(e) not in drop]


def clause_event(node: Token, by_trigger: dict[int, Event]) -> Event | None:
    """The event of the clause a purpose or manner clause hangs on: its verb's, or
    that of the noun the verb carries ("went on strike to protest ...", "staged a
    sit-in to demand ...")."""
    head = node.head
    if head.i in by_trigger:
        return by_trigger[head.i]
    for child in head.children:
        if child.dep_ == "dobj" and child.i in by_trigger:
            return by_trigger[child.i]
        if child.dep_ == "prep" and child.i < node.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj" and c.i in by_trigger), None)
            if pobj is not None:
                return by_trigger[pobj.i]
    return None


def content_of(node: Token, by_trigger: dict[int, Event]) -> Event | None:
    """The speech act whose complement clause holds this trigger ("agreed that their
    countries should cooperate", "demanded that Israel ease restrictions")."""
    climb = node
    for _ in range(8):
        if climb.head.i == climb.i or climb.dep_ == "conj":
            return None
        outer = by_trigger.get(climb.head.i)
        holds = outer is not None and (outer.type in CONTENT_HOLDERS or (outer.type == "COERCE" and outer.mode == "ban"))
        if holds and climb.dep_ in (
                "ccomp", "acl", "xcomp", "pobj", "pcomp", "prep", "dobj", "relcl"):
            # "accused Israel of committing ...", "a probe into killings by police"
            return outer
        if climb.dep_ == "ccomp":
            return None
        climb = climb.head
    return None


def fold_obligations(events: list[Event], obligations: list[Event]) -> list[Event]:
    """ "said Kagame must agree to changes": the act is what is demanded, not an event.
    An event at an obligation's verb (other than a REQUEST) gives the obligation what it
    intends and is dropped; the obligations come after the events."""
    demanded = {o.trigger_i: o for o in obligations}
    for event in events:
        if event.trigger_i in demanded and event.type != "REQUEST":
            demanded[event.trigger_i].intended = demanded[event.trigger_i].intended or event.intended or event.type
    return [e for e in events if e.trigger_i not in demanded or e.type == "REQUEST"] + obligations


def merge(events: list[Event]) -> list[Event]:
    """The same act (same `Event.key()`) stated twice is one event, the first, with all the
    evidence and the highest confidence; stated as fact anywhere, it is not hypothetical.
    Events are ordered by trigger and numbered v1, v2 ..."""
    merged: dict[tuple, Event] = {}
    for event in sorted(events, key=lambda e: e.trigger.start):
        key = event.key()
        kept = merged.get(key)
        if kept is None:
            merged[key] = event
            continue
        kept.evidence.extend(e for e in event.evidence if e not in kept.evidence)
        kept.confidence = max(kept.confidence, event.confidence)
        if kept.modality and not event.modality:
            kept.modality = None  # stated as fact somewhere: not hypothetical
    out = sorted(merged.values(), key=lambda e: e.trigger.start)
    for n, event in enumerate(out, 1):
        event.id = f"v{n}"
    return out
