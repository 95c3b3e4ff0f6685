"""How the parts make an article's events: find each trigger, build its event (roles,
place, modality, quote, PLOVER's reading, scores), then keep one event per act.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...document.article import CharSpan
from ...document.layers import Event, Role
from ...knowledge.events import (
    LOCATED,
    STATE_SECTORS,
    TARGETED,
    EventKnowledge,
    Pattern,
)
from ...nlp.syntax import sentence_of
from .clauses import asserted, governors, not_an_act, not_political, subject_of
from .context import SUBJECT_DEPS, EventContext, is_nominal, object_of
from .merge import fold_obligations, governed, merge
from .modality import confidence, contexts, convert, modality, mode_from_words
from .quoted import attributions, demanded, obligations, reported
from .recipient_sources import recipient_heads
from .roles import (
    between,
    domestic,
    location,
    noun_actor,
    place_role,
    recipient,
    role_of,
)
from .triggers import match_trigger, trigger_candidates


class EventCoder:
    def __init__(self, doc: Doc, knowledge: EventKnowledge):
        self.ctx = EventContext(doc, knowledge)

    def code(self) -> list[Event]:
        """The article's events, one per act, numbered in text order."""
        ctx = self.ctx
        found: list[Event] = []
        absorbed: set[int] = set()
        doc = ctx.doc
        for i in trigger_candidates(doc, ctx.knowledge.trigger_words):
            if i in absorbed:
                continue
            token = doc[i]
            match = match_trigger(ctx, token)
            if match is None:
                continue
            pattern, object_token = match
            if object_token is not None:
                absorbed.add(object_token.i)  # "lifted sanctions": not also a SANCTION
            if token.pos_ in ("VERB", "AUX"):
                obj = object_of(token)
                if obj is not None:
                    absorbed.add(obj.i)  # "rejected calls by Belarus": the calls are what was rejected
            if (not asserted(ctx, token, pattern) or not_political(ctx, token, pattern)
                    or not_an_act(ctx, token, pattern)):
                continue
            event = self.build(token, pattern)
            if event is not None:
                found.append(event)
                for child in token.children:
                    if child.dep_ == "xcomp":
                        absorbed.update(t.i for t in child.subtree if t.pos_ in ("VERB", "NOUN"))
        found = governed(ctx, found)
        blamed = attributions(ctx)
        # "said Pakistan was to blame": the blame is the speaker's, not Pakistan's
        found = [e for e in found if e.trigger_i not in {b.trigger_i for b in blamed}]
        return merge(fold_obligations(found, obligations(ctx)) + blamed)

    def build(self, trigger: Token, pattern: Pattern) -> Event | None:
        """The event a trigger codes under a pattern, or None for an event noun nobody does."""
        ctx = self.ctx
        sentence = sentence_of(ctx.doc, trigger.i)
        event = Event(type=pattern.type, pattern=pattern.name, trigger=CharSpan.of(trigger),
                      sentence=CharSpan(sentence.start_char, sentence.end_char), trigger_i=trigger.i,
                      mode=pattern.mode, context=list(pattern.context))
        chain = governors(ctx, trigger)
        if is_nominal(trigger):
            actor_heads, _ = noun_actor(ctx, trigger)
            parties = between(ctx, trigger)
            if parties:
                actor_heads = parties
            if not actor_heads:
                return None  # an event noun with no one doing it is a topic, not an event
        elif pattern.actor:
            # "protesters came under fire from soldiers": the soldiers fired
            actor_heads = next((heads for source in pattern.actor
                                if (heads := recipient_heads(ctx, trigger, source))), [])
        else:
            actor_heads, _ = subject_of(ctx, trigger)
            if not actor_heads and pattern.object_as_actor:
                # "troops were redirected": the forces moved are the actor
                obj = object_of(trigger)
                actor_heads = ctx.coordinated(obj) if obj is not None else []
        event.actor = role_of(ctx, actor_heads)
        if event.actor is not None and not event.actor.empty and not event.actor.countries and actor_heads:
            place_role(ctx, event.actor, ctx.partitive(actor_heads[0]))
        event.recipient = recipient(ctx, trigger, pattern, event.actor)
        place = None
        if pattern.type in LOCATED:
            skip = {t.i for h in actor_heads for t in h.subtree}
            skip |= {t.i for c in trigger.head.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
            place = location(ctx, trigger, skip)
            if place is not None:
                if event.actor is not None and not event.actor.countries and (
                        event.actor.sectors or event.actor.empty or pattern.type == "PROTEST"):
                    # protesters, troops or a government of no stated country act where they are
                    event.actor.countries = list(place.countries)
                    event.actor.note = "country where it happened"
                if event.recipient is None or not event.recipient.countries:
                    event.recipient = place
        domestic(event)
        modality(ctx.words, event, trigger, chain)
        reported(ctx, event, trigger, pattern)
        demanded(ctx, event)
        # Last, after every nearer reading (the place, whom it faces, who reports it): the story.
        for role, other in ((event.actor, event.recipient), (event.recipient, event.actor)):
            if role is not None and not role.empty and not role.countries and (role.sectors or role.entities):
                story = ctx.story_country()
                # "Russia criticised the government": a country facing a body of no stated
                # country is not facing its own
                faces_it = other is not None and any(e.nation is not None and e.country == (story or ("",))[0]
                                                     for e in other.entities)
                if story is not None and not faces_it:
                    role.countries, role.note = [story[0]], story[1]
        deployed_at_home(event)
        targeted = target_where_it_happened(ctx, event, pattern, trigger)
        where = event.recipient if event.recipient is not None and (event.recipient is place or targeted) else None
        attacker_where_it_happened(ctx, event, pattern, trigger, where)
        if pattern.reciprocal and event.actor and len(set(event.actor.countries)) >= 2 and (
                event.recipient is None or event.recipient.empty):
            event.recipient = Role(list(event.actor.heads), event.actor.span, list(event.actor.entities),
                                   list(event.actor.countries), list(event.actor.sectors))
            event.reciprocal = True
        if event.mode is None:
            event.mode = mode_from_words(ctx.words, event.type, trigger, actor_heads)
        convert(event, pattern)
        contexts(ctx, event, trigger)
        confidence(event, trigger)
        event.intensity, event.cameo, event.quad = ctx.knowledge.score(event.type, event.mode)
        event.evidence.append((event.trigger, event.sentence))
        return event


def target_where_it_happened(ctx: EventContext, event: Event, pattern: Pattern, trigger: Token) -> bool:
    """An attack or a use of force always has a target, and one that no reading above named a
    country for ("shelled villages", "an airstrike on a market", a bomber who blew himself up)
    is the country where it happened: the story's. Not for a clash, which has two sides and no
    target, nor for a target of no country that is still a person or body (left as it is). The
    role points at what was hit when the text names it, else at the dateline. True when it
    gave the target."""
    if event.type not in TARGETED or pattern.reciprocal:
        return False
    if event.actor is not None and len(set(event.actor.countries)) >= 2:
        return  # "clashes between Armenian and Azerbaijani troops broke out": two sides
    recipient = event.recipient
    if recipient is not None and (recipient.countries or recipient.entities or recipient.sectors):
        return False
    story = ctx.story_country()
    if story is None:
        return False
    if recipient is None or recipient.empty:
        head = _what_was_hit(trigger) or ctx.dateline_place()
        if head is None:
            return False
        event.recipient = recipient = Role([head.i], CharSpan.of(head))
    recipient.countries = [story[0]]
    recipient.note = f"{story[1]}, where it happened"
    return True


def _what_was_hit(trigger: Token) -> Token | None:
    """The object of the act, or what it was aimed at or done in ("an airstrike on a village",
    "blew himself up inside a mosque")."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            return child
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "at", "against", "in", "inside", "into", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
            if pobj is not None and pobj.ent_type_ not in ("DATE", "TIME"):
                return pobj
    return None


def attacker_where_it_happened(ctx: EventContext, event: Event, pattern: Pattern, trigger: Token,
                               where: Role | None) -> None:
    """ "A car bomb ripped through a market in Baghdad", "an airstrike killed 30 people": an
    attack whose text names no attacker, only a weapon or nothing, is coded as PLOVER does, with
    the country where it happened as its actor: `where`, the target read as the place it
    happened, else the story's."""
    if event.type != "ASSAULT" or pattern.reciprocal:
        return
    actor = event.actor
    if actor is not None and (actor.countries or actor.entities or actor.sectors):
        return
    story = ctx.story_country()
    if (where is None or not where.countries) and story is None:
        return
    if actor is None or actor.empty:
        head = trigger if trigger.pos_ in ("NOUN", "PROPN") else next(
            (c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), trigger)
        event.actor = actor = Role([head.i], CharSpan.of(head))
    actor.countries = list(where.countries) if where is not None and where.countries else [story[0]]
    actor.note = "no attacker named: the country where it happened"


def deployed_at_home(event: Event) -> None:
    """ "deployed riot police around parliament": forces sent to a place or a body of their own
    state face no one; only people of their own country can be whom a deployment is against
    ("ordered the army into the streets to fight drug gangs")."""
    if event.type != "MOBILIZE" or event.actor is None or event.recipient is None:
        return
    recipient = event.recipient
    if recipient.countries and set(recipient.countries) <= set(event.actor.countries) and (
            not recipient.sectors or set(recipient.sectors) <= STATE_SECTORS):
        event.recipient = None
