"""When and where each event happened, from its own clause.

An event's date is the temporal expression that governs its clause: one attached to the
trigger ("talks on Friday"), to the verb the trigger belongs to or a verb chained to it
("talks ... scheduled to begin in Turkey this week", "agreed to meet next week"). A
reported event with no date of its own that is a fact, not a plan, takes the date of the
report ("an official said Friday that troops were being redirected": Friday). Otherwise
the event gets the publication date, marked `"source": "published"` so no one mistakes
it for a stated date.

An event's place is a toponym in a locative phrase of the same clause ("talks ... in
Istanbul"), or the place attacked ("shelled Kharkiv"). Never one from another sentence,
and never the place of a report ("said in Kyiv that ..."). When the same event is stated
several times, the most specific place wins (a city over its country).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..document.article import CharSpan
from ..document.layers import EventDate, EventPlace
from ..knowledge.events import VERBAL_GOVERNORS
from .base import Resources

CLAUSE_LINKS = {"xcomp", "aux", "auxpass", "conj", "advcl", "oprd"}
REPORT_LINKS = {"ccomp", "parataxis"}
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "on", "within", "into"}
PLACE_IS_TARGET = {"ASSAULT", "COERCE"}
SPECIFICITY = {"city": 3, "other": 3, "region": 2, "country": 1}


def add_when_where(doc: Doc, resources: Resources) -> None:
    layers = doc._.layers
    article = doc._.article
    published = article.published.isoformat() if article is not None and article.published else None
    timexes = [(t, _root(doc, t.span)) for t in layers.timexes if t.type in ("DATE", "TIME")]
    timexes = [(t, root) for t, root in timexes if root is not None]
    # a word for a place's people ("attacked Syrians") says whom, not where
    toponyms = [p for p in layers.places if p.place is not None and p.via in (None, "container")]
    cues = resources.knowledge.cues
    for event in layers.events:
        triggers = [event.trigger_i] + [_token_at(doc, trigger.start) for trigger, _ in event.evidence]
        triggers = list(dict.fromkeys(t for t in triggers if t is not None))
        event.date = _date(doc, event, triggers, timexes, cues) or (
            EventDate(published, "DATE", "published") if published else None)
        event.place = _place(doc, event, triggers, toponyms)


def _token_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def _root(doc: Doc, span: CharSpan) -> Token | None:
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    return tokens.root if tokens is not None and len(tokens) else None


def _clause(trigger: Token, content: bool = True) -> set[int]:
    """The trigger and the verbs of its clause: the verb a noun trigger is an argument of,
    and verbs chained by xcomp, auxiliaries or conjunction ("scheduled to begin"). Without
    `content`, not the verbs below a speech act ("promised on Tuesday to hold elections in
    March": the promise is Tuesday's)."""
    head = trigger
    members = {trigger.i}
    if trigger.pos_ not in ("VERB", "AUX"):
        # A noun trigger belongs to a verb's clause only as its argument ("talks are
        # scheduled", "held talks", "took part in talks"), not from deep inside another
        # phrase ("ahead of negotiations to the invasion" is not the invasion's clause).
        noun = trigger
        while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "a new set of talks", "a round of negotiations"
            members.add(noun.i)
        if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            head = noun.head
        elif noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            head = noun.head.head
        else:
            return members
        members.add(head.i)
    # up through xcomp/conj to the verb that carries the clause ("began to shell")
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
        members.add(head.i)
    stack = [head]
    while stack:
        verb = stack.pop()
        members.add(verb.i)
        for child in verb.children:
            if child.dep_ in CLAUSE_LINKS and child.pos_ in ("VERB", "AUX") and child.i not in members and (
                    content or child.dep_ not in ("xcomp", "advcl", "oprd")):
                stack.append(child)
    return members


def _attachment(root: Token, trigger: Token) -> Token:
    """The word a timex or place phrase modifies: climb from its root through
    prepositions and nouns to the first verb, or the trigger if met first."""
    token = root
    while token.head.i != token.i:
        token = token.head
        if token.i == trigger.i or token.pos_ in ("VERB", "AUX"):
            return token
    return token


def _governing(doc: Doc, triggers: list[int], roots: list[tuple[Any, Token]], cues=frozenset(),
               content: bool = True) -> tuple[Any, int] | None:
    """The first timex governing any statement of the event; a calendar date before a
    general reference ("now", "recently")."""
    found = []
    for i in triggers:
        trigger = doc[i]
        clause = _clause(trigger, content)
        sent = trigger.sent
        misplaced = _report_zone(trigger, cues)
        for item, root in roots:
            if sent.start <= root.i < sent.end and _attachment(root, trigger).i in clause and root.i not in misplaced:
                found.append((item, i))
    found.sort(key=lambda pair: (pair[0].value or "").endswith("_REF"))
    return found[0] if found else None


def _report_zone(trigger: Token, cues) -> range:
    """ "Kenya said on Thursday it had expelled the envoy on May 1": the parser often hangs
    "on Thursday" on the reported verb, but a date between the verb of saying and the reported
    clause's subject is the report's. The token positions of that stretch."""
    verb = _report_verb(trigger, cues)
    if verb is None:
        return range(0)
    clause = trigger
    while clause.head.i != verb.i and clause.head.i != clause.i:
        clause = clause.head
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i < verb.i:
        return range(0)
    return range(verb.i + 1, subject.left_edge.i)


def _report_verb(trigger: Token, cues) -> Token | None:
    """The verb of saying whose complement holds the trigger's clause."""
    token = trigger
    while token.head.i != token.i:
        if token.dep_ in REPORT_LINKS and token.head.lemma_.lower() in cues:
            return token.head
        token = token.head
    return None


def _date(doc: Doc, event, triggers: list[int], timexes, cues) -> EventDate | None:
    if event.intended is not None:
        # "Ghana will host talks next week, the ministry said on Monday": the promise is
        # Monday's; next week is when the talks would be
        found = _governing(doc, triggers, timexes, cues)
        if found is not None:
            event.intended_date = EventDate(found[0].value, found[0].type, "text", found[0].span)
    else:
        # A speech act is dated by its own clause, not by what it is about
        found = _governing(doc, triggers, timexes, cues, content=event.type not in VERBAL_GOVERNORS)
        if found is not None:
            timex = found[0]
            return EventDate(timex.value, timex.type, "text", timex.span)
        if event.modality is not None:
            return None  # a plan or a possibility happens later than its report
    # A reported fact with no date of its own, or an act announced for later (coded as the
    # promise or threat it is: "Ghana will host talks next week, the ministry said on Monday"),
    # takes the date of the report.
    for i in triggers:
        verb = _report_verb(doc[i], cues)
        if verb is None:
            continue
        found = _governing(doc, [verb.i], timexes, cues, content=False)
        if found is None:
            # "said on Tuesday it would resume talks": a date the parser hung on the reported verb
            zone = _report_zone(doc[i], cues)
            found = next(((item, i) for item, root in timexes if root.i in zone), None)
        if found is not None:
            timex = found[0]
            return EventDate(timex.value, timex.type, "report", timex.span)
    return None


def _place(doc: Doc, event, triggers: list[int], toponyms) -> EventPlace | None:
    best = None
    for i in triggers:
        trigger = doc[i]
        clause = _clause(trigger)
        sent = trigger.sent
        for toponym in toponyms:
            if not (sent.start <= toponym.i < sent.end):
                continue
            root = doc[toponym.i:toponym.j].root
            if not _tied(root, trigger, clause, event):
                continue
            rank = SPECIFICITY.get(toponym.place.feature, 0)
            if best is None or rank > best[0]:
                best = (rank, toponym)
    return EventPlace(best[1]) if best else None


def _tied(root: Token, trigger: Token, clause: set[int], event) -> bool:
    """A toponym in a locative phrase of the event's clause ("in Istanbul", "in Istanbul,
    Turkey"), or the target of an attack."""
    token = root
    while token.dep_ in ("appos", "conj", "compound") and token.head.i != token.i:
        token = token.head  # "Istanbul, Turkey": Turkey hangs on Istanbul
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
        return _attachment(token.head, trigger).i in clause
    if event.type in PLACE_IS_TARGET and token.dep_ == "dobj" and token.head.i == trigger.i:
        return True
    return False
