"""Events inside quotations: who reported them, whose a speech act in a quote is, what a
speaker says someone else must do (a REQUEST of them), and the obligations of reported
speech ("Russia said Sudan must return the helicopter").
"""

from __future__ import annotations

from spacy.tokens import Token

from ...document.article import CharSpan
from ...document.layers import Event
from ...knowledge.events import INTERNATIONAL, VERBAL_GOVERNORS, Pattern
from ...nlp.syntax import sentence_of
from .clauses import asserted
from .context import FIRST_PERSON, EventContext
from .modality import confidence, mode_from_words
from .roles import role_of

# What a demanded act asks of its recipient.
DEMAND_MODES = {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist"}


def reported(ctx: EventContext, event: Event, trigger: Token, pattern: Pattern) -> None:
    """Mark an event in a quote with the quote and its source; a speech act in it without
    its own actor is the speaker's, and troops of no country are the source's state's."""
    quote = ctx.quote_of.get(trigger.i)
    if quote is None:
        return
    doc = ctx.doc
    event.quote_id = quote.id or None
    event.reported_by = quote.entity
    speaker = doc[quote.speaker_head] if quote.speaker_head is not None else None
    # A speech act in a quote without its own actor ("we demand ...") is the speaker's.
    first_person = event.actor is not None and any(
        doc[h].lower_ in FIRST_PERSON and doc[h].pos_ == "PRON" for h in event.actor.heads)
    if pattern.verbal and speaker is not None and (event.actor is None or event.actor.empty or first_person):
        event.actor = role_of(ctx, [speaker])
    elif event.actor is not None and event.actor.sectors and not event.actor.countries and speaker is not None:
        # "troops were being redirected", said a Russian military official: troops of
        # no stated country are the source's own — when the source is of that state.
        source = role_of(ctx, [speaker])
        state_source = source is not None and source.countries and not set(source.countries) & INTERNATIONAL \
            and set(source.sectors) & {"GOV", "MIL", "COP"}
        if state_source:
            event.actor.countries = list(source.countries)
            event.actor.note = "country of the source reporting it"


def demanded(ctx: EventContext, event: Event) -> None:
    """ "He needs to come and meet me", says X: what a speaker says someone else
    must do is the speaker's demand (REQUEST) of that someone."""
    if event.modality != "required" or event.quote_id is None or event.type in VERBAL_GOVERNORS:
        return
    quote = next((q for q in ctx.doc._.layers.quotes if q.id == event.quote_id), None)
    if quote is None or quote.speaker_head is None:
        return
    speaker = role_of(ctx, [ctx.doc[quote.speaker_head]])
    if speaker is None or speaker.empty or (event.actor and set(event.actor.countries) == set(speaker.countries)
                                             and set(event.actor.entities) == set(speaker.entities)):
        return
    event.intended = event.type
    event.recipient = event.actor
    event.actor = speaker
    event.type = "REQUEST"
    event.mode = DEMAND_MODES.get(event.intended)
    event.modality = None


def obligations(ctx: EventContext) -> list[Event]:
    """ "Russia said Sudan must return the helicopter": a demand, by the speaker, of
    the subject of the obligation."""
    doc = ctx.doc
    found = []
    for quote in doc._.layers.quotes:
        if quote.kind == "direct" or quote.speaker_head is None or quote.cue is None:
            continue
        part = quote.parts[0]
        span = doc.char_span(part.start, part.end, alignment_mode="expand")
        if span is None:
            continue
        verb = span.root
        auxes = [c for c in verb.children if c.dep_ == "aux"]
        if not any(a.lower_ in ctx.words.obligation for a in auxes):
            continue
        if not asserted(ctx, doc[quote.speaker_head]):
            continue
        actor = role_of(ctx, [doc[quote.speaker_head]])
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or not ctx.is_actor(subjects[0]):
            continue  # "the question should be put to a vote" demands nothing of anyone
        recipient = role_of(ctx, ctx.coordinated(subjects[0]))
        sentence = sentence_of(doc, verb.i)
        cue = quote.cue
        event = Event(type="REQUEST", pattern="request.said-must", trigger=cue,
                      sentence=CharSpan(sentence.start_char, sentence.end_char), trigger_i=verb.i,
                      actor=actor, recipient=recipient, reported_by=quote.entity, quote_id=quote.id or None)
        event.mode = mode_from_words(ctx.words, "REQUEST", verb, [])
        confidence(event, verb)
        event.intensity, event.cameo, event.quad = ctx.knowledge.score(event.type, event.mode)
        event.evidence.append((cue, event.sentence))
        found.append(event)
    return found


def attributions(ctx: EventContext) -> list[Event]:
    """ "Pakistan said India was behind the bombings", "police said the gang was responsible for
    the killing": blame without the verb accuse, ACCUSE from the speaker to whoever the reported
    clause says was behind it. (The bombing itself is only what the speaker claims.)"""
    doc = ctx.doc
    blame = ctx.words.blame
    found = []
    for quote in doc._.layers.quotes:
        if quote.speaker_head is None or quote.cue is None:
            continue
        for part in quote.parts:
            span = doc.char_span(part.start, part.end, alignment_mode="expand")
            if span is None:
                continue
            verb = span.root
            if verb.lemma_ != "be" or not asserted(ctx, doc[quote.speaker_head]):
                continue
            said = [c for c in verb.children if (c.dep_ == "prep" and c.lower_ in blame)
                    or (c.dep_ == "acomp" and c.lower_ in blame)
                    or (c.dep_ == "xcomp" and f"to {c.lower_}" in blame)]
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not said or not subjects or not ctx.is_actor(subjects[0]) or any(
                    c.dep_ == "neg" for c in verb.children):
                continue
            actor = role_of(ctx, [doc[quote.speaker_head]])
            recipient = role_of(ctx, ctx.coordinated(subjects[0]))
            sentence = sentence_of(doc, verb.i)
            event = Event(type="ACCUSE", pattern="accuse.said-behind", mode="allege", trigger=CharSpan.of(said[0]),
                          sentence=CharSpan(sentence.start_char, sentence.end_char), trigger_i=said[0].i,
                          actor=actor, recipient=recipient, reported_by=quote.entity, quote_id=quote.id or None)
            confidence(event, verb)
            event.intensity, event.cameo, event.quad = ctx.knowledge.score(event.type, event.mode)
            event.evidence.append((quote.cue, event.sentence))
            found.append(event)
            break
    return found
