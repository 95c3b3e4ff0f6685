"""Who did what to whom: PLOVER events with their evidence.

A trigger is a verb or event noun matched by a pattern in data/event_patterns.toml (the
pattern's name goes with the event, so every event says why it was coded). Roles come
from the trigger's own clause only:
  actor      the subject (climbing "threatened to ban", "continues to demand"), the
             passive agent ("attacked by X"), or for a noun its possessive, nationality
             word, compound or "by" phrase, or the subject of a light verb ("held talks");
  recipient  what the pattern names: the object, or the person or country it belongs to
             ("the offices of the Palestinian administrators"), the subject of "demanded
             that X ...", or a preposition (with, against, on, to ...).
Coordinated phrases make compound roles; with two or more actors and no recipient a
reciprocal pattern ("A and B agreed", "talks between A and B") codes all as both.
Each role is coded by the actor layer; a role nobody fills stays empty.

Modality is kept as fields: negated, and hypothetical with a `modality` of possible
("could meet"), planned ("plans to"), intended ("offered to", "will", in PLOVER's
sense an intention), conditional ("unless"). Following PLOVER, an intended cooperative
act is AGREE and an intended conflictual one THREATEN; a refused one ("will not
accept") is REJECT. Events describing the setting of the news ("after fierce
fighting", "a deal that could end the war") are not coded. The same event stated twice
(same type, actor and recipient) is one event with all its evidence.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from ..document.article import CharSpan
from ..document.layers import ActorMention, Entity, Event, Role
from ..knowledge.events import (
    AGREEING,
    CONFLICTUAL,
    CONTENT_HOLDERS,
    COOPERATIVE,
    INTERNATIONAL,
    LOCATED,
    STATE_SECTORS,
    VERBAL_GOVERNORS,
    EventKnowledge,
    Pattern,
)
from ..nlp.index import actor_at, entity_at
from ..nlp.syntax import sentence_of
from .base import Resources

FIRST_PERSON = {"i", "we", "me", "us"}
LOCATIVE = {"in", "at", "near", "outside", "into", "across", "through", "throughout", "around", "on", "inside"}
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def add_events(doc: Doc, resources: Resources) -> None:
    doc._.layers.events = EventCoder(doc, resources).code()


class EventCoder:
    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        self.knowledge: EventKnowledge = resources.knowledge.events
        words = self.knowledge.words
        self.intended = words.intended
        self.planned = words.planned
        self.possible = words.possible
        self.future = words.future
        self.obligation = words.obligation
        self.required = words.required
        self.motion = words.motion_verbs
        self.partitives = words.partitives
        self.conditional = words.conditional
        self.light = words.light_verbs
        self.background = words.background_marks
        self.modes = words.modes
        self.group_nouns = words.group_nouns
        self.nature = words.nature
        self.sport = words.sport
        self.actor_at: dict[int, ActorMention] = actor_at(doc)
        self.owner: dict[int, Entity] = entity_at(doc)
        # Quote content: which quote a token's words belong to.
        self.quote_of: dict[int, Any] = {}
        for quote in doc._.layers.quotes:
            for part in quote.parts:
                span = doc.char_span(part.start, part.end, alignment_mode="expand")
                if span is not None:
                    for token in span:
                        self.quote_of.setdefault(token.i, quote)

    # ---- main ------------------------------------------------------------------

    def code(self) -> list[Event]:
        found: list[Event] = []
        absorbed: set[int] = set()
        for token in self.doc:
            if token.i in absorbed:
                continue
            match = self._match(token)
            if match is None:
                continue
            pattern, object_token = match
            if object_token is not None:
                absorbed.add(object_token.i)  # "lifted sanctions": not also a SANCTION
            if token.pos_ in ("VERB", "AUX"):
                obj = self._object(token)
                if obj is not None:
                    absorbed.add(obj.i)  # "rejected calls by Belarus": the calls are what was rejected
            if not self._asserted(token) or self._not_political(token, pattern):
                continue
            event = self._event(token, pattern)
            if event is not None:
                found.append(event)
                for child in token.children:
                    if child.dep_ == "xcomp":
                        absorbed.update(t.i for t in child.subtree if t.pos_ in ("VERB", "NOUN"))
        found = self._governed(found)
        obligations = self._obligations()
        demanded = {o.trigger_i: o for o in obligations}
        for event in found:
            # "said Kagame must agree to changes": the act is what is demanded, not an event
            if event.trigger_i in demanded and event.type != "REQUEST":
                demanded[event.trigger_i].intended = demanded[event.trigger_i].intended or event.intended or event.type
        found = [e for e in found if e.trigger_i not in demanded or e.type == "REQUEST"] + obligations
        return self._merge(found)

    # ---- matching --------------------------------------------------------------

    def _match(self, token: Token) -> tuple[Pattern, Token | None] | None:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            if token.lemma_.lower() in self.light:
                # "ordered an inquiry", "held talks": the noun is the event
                obj = self._object(token)
                if obj is not None and any(self.knowledge.by_noun.get(k) for k in self._noun_keys(obj)):
                    specific = [p for p in self.knowledge.by_verb.get(token.lemma_.lower(), ()) if p.objects]
                    for pattern in specific:
                        fit = self._verb_fits(token, pattern)
                        if fit is not False:
                            return pattern, fit
                    return None
            for pattern in self.knowledge.by_verb.get(token.lemma_.lower(), ()):
                obj = self._verb_fits(token, pattern)
                if obj is not False:
                    return pattern, obj
        elif self._nominal(token) and token.dep_ not in ("compound",):
            for key in self._noun_keys(token):
                for pattern in self.knowledge.by_noun.get(key, ()):
                    if self._noun_fits(token, pattern):
                        return pattern, None
        return None

    def _nominal(self, token: Token) -> bool:
        return token.pos_ in ("NOUN", "PROPN") or self._hyphen_word(token)

    @staticmethod
    def _hyphen_word(token: Token) -> bool:
        """The last part of a hyphenated noun the tagger split ("sit-in", "walk-out")."""
        doc = token.doc
        return (token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
                and not doc[token.i - 2].whitespace_ and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos"))

    def _noun_keys(self, token: Token) -> list[str]:
        keys = []
        if self._hyphen_word(token):
            first = token.doc[token.i - 2].lower_
            keys += [f"{first}-{token.lower_}", f"{first}{token.lower_}"]  # "walk-out" is a walkout
        compound = [c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1]
        if compound:
            keys.append(f"{compound[0].lemma_.lower()} {token.lemma_.lower()}")
        keys.append(token.lemma_.lower())
        if token.lower_ != token.lemma_.lower():
            keys.append(token.lower_)
        return keys

    def _object(self, verb: Token) -> Token | None:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None and any(c.dep_ == "auxpass" for c in verb.children):
            obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if obj is None:
            # "set fire to", "put under investigation": an object behind a particle
            prt = next((c for c in verb.children if c.dep_ == "prt"), None)
            if prt is not None:
                obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return obj

    def _verb_fits(self, verb: Token, pattern: Pattern) -> Token | None | bool:
        """False when the pattern does not fit; else the object it consumed (or None)."""
        obj = self._object(verb)
        if obj is None and pattern.objects:
            # "allowed a UN convoy to enter": the object is the complement's subject
            clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
            if clause is not None:
                obj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if pattern.no_object and obj is not None:
            return False
        if pattern.subjects:
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not any({c.lemma_.lower(), c.lower_} & pattern.subjects for c in subjects):
                return False
        if pattern.objects:
            words = self._words_of(obj) if obj is not None else set()
            for prep in verb.children:
                # "put troops on alert", "withdrew from the court"
                if prep.dep_ in ("prep", "prt") and prep.lower_ in pattern.prep:
                    for pobj in prep.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            words |= self._words_of(pobj)
            if not words & pattern.objects or words & pattern.unless_objects:
                return False
        if pattern.object_is_actor and (obj is None or not self._is_actor(obj)):
            return False
        if pattern.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in pattern.prep for c in verb.children):
            return False
        if pattern.particle and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in pattern.particle
                                        for c in verb.children):
            return False
        if pattern.complement:
            comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if comp is None or comp.lemma_.lower() not in pattern.complement:
                return False
        return obj if pattern.objects else None

    def _words_of(self, thing: Token) -> set[str]:
        """The lemmas that say what a thing is: "a state of siege", "part of a military aid
        program", "$272 million in security assistance", "dozens of warplanes"."""
        thing = self._partitive(thing)
        words = {thing.lemma_.lower(), thing.lower_, *self._noun_keys(thing)} | {
            c.lemma_.lower() for c in thing.children if c.dep_ in ("compound", "amod", "nmod")}
        for prep in thing.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "to"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        words |= {pobj.lemma_.lower()} | {c.lemma_.lower() for c in pobj.children
                                                          if c.dep_ in ("compound", "amod")}
        return words

    def _noun_fits(self, noun: Token, pattern: Pattern) -> bool:
        if pattern.modifiers and not any(c.lemma_.lower() in pattern.modifiers for c in noun.lefts):
            return False
        if pattern.prep and not pattern.verbs and not any(
                c.dep_ == "prep" and c.lower_ in pattern.prep and any(
                    o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children)
                for c in noun.children):
            return False  # "a strike on the airbase", not "a strike on Monday"
        if noun.tag_ in ("NNS",) and noun.lemma_.lower() in ("talk",):
            return True
        return True

    def _is_actor(self, token: Token) -> bool:
        """A person, group or country (not a thing that belongs to one)."""
        if token.pos_ == "PRON":
            return token.lower_ not in ("it", "this", "that", "what", "which")
        token = self._partitive(token)  # "dozens of protesters"
        return token.i in self.actor_at or token.i in self.owner or self._group_reference(token) is not None

    # ---- clause structure ------------------------------------------------------

    def _asserted(self, trigger: Token) -> bool:
        """False for an event that sets the scene: in a relative clause, a temporal or
        causal clause, or a phrase such as "after the killing of ..."."""
        node = trigger
        while node.head.i != node.i:
            if node.dep_ in ("relcl", "acl") and not (node.dep_ == "acl" and node.tag_ == "VBG" and node.i == trigger.i and False):
                return False
            if node.dep_ in ("advcl", "pcomp") and any(c.dep_ == "mark" and c.lower_ in self.background for c in node.children):
                return False
            if node.dep_ == "pobj" and node.head.lower_ in self.background:
                return False
            if node.dep_ == "advcl" and node.lower_ in self.background:
                return False
            node = node.head
        return True

    def _not_political(self, trigger: Token, pattern: Pattern) -> bool:
        """An earthquake that struck, a typhoon that slammed into a coast, a team that
        beat another: the words of violence and criticism outside politics."""
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and not self._nominal(trigger):
            # "an earthquake struck ..., killing 50,000": the subject of the clause it hangs on
            subjects = self._subject(trigger)[0]
        words = {w for s in subjects for w in (s.lemma_.lower(), s.lower_)} | {
            c.lemma_.lower() for s in subjects for c in s.children if c.dep_ in ("compound", "amod")}
        if words & self.nature:  # "Typhoon Haiyan slammed into ..."
            return True
        if self._nominal(trigger) and trigger.head.lemma_.lower() in self.nature:
            return True
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        if objects and all({o.lemma_.lower(), o.lower_} & self.nature for o in objects):
            return True  # "to help fight the coronavirus outbreak"
        if pattern.type in ("ASSAULT", "ACCUSE", "REJECT"):
            sentence = sentence_of(self.doc, trigger.i)
            words = {t.lower_ for t in sentence}
            if words & self.sport or any(t.like_num and "-" in t.text for t in sentence):
                return True
        return False

    def _governors(self, trigger: Token) -> list[Token]:
        """The chain of verbs and adjectives a trigger hangs from by to-complements
        ("threatened to ban", "is willing to withdraw", "may be on track to declare")."""
        chain = []
        node = trigger
        for _ in range(5):
            if node.dep_ in ("xcomp", "conj") or (node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
                node = node.head
                chain.append(node)
                continue
            if node.dep_ == "pobj" and node.head.dep_ == "prep":
                # "on track to declare": climb through the preposition
                node = node.head.head
                chain.append(node)
                continue
            if node.dep_ == "acomp" or (node.dep_ in ("dobj", "attr") and self._nominal(node) and node.head.lemma_ in self.light):
                node = node.head
                chain.append(node)
                continue
            break
        return chain

    def _subject(self, token: Token) -> tuple[list[Token], str | None]:
        """Subject heads of the clause a trigger belongs to, climbing complements."""
        node = token
        for _ in range(6):
            agent = next((c for c in node.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._coordinated(pobj), None
            subjects = [c for c in node.children if c.dep_ == "nsubj"]
            if not subjects and node.lemma_.lower() in self.intended | self.planned:
                # "Vietnam is committed to ...": the passive subject of an attitude is its holder
                subjects = [c for c in node.children if c.dep_ == "nsubjpass"]
            if subjects:
                subject = subjects[-1]
                if subject.lower_ in ("who", "which", "that") and node.dep_ == "relcl":
                    return self._coordinated(node.head), None
                if subject.pos_ == "PRON" and subject.i not in self.owner:
                    matrix = self._matrix_subject(node, subject)
                    if matrix is not None:
                        return self._coordinated(matrix), "the subject of the reporting clause"
                return self._coordinated(subject), None
            if any(c.dep_ == "nsubjpass" for c in node.children):
                return [], None  # passive with no agent: the doer is not stated
            if node.dep_ in ("xcomp", "conj", "advcl", "acomp"):
                node = node.head
                continue
            if node.dep_ in ("pobj", "pcomp") and node.head.dep_ in ("prep", "agent"):
                node = node.head.head
                continue
            break
        return [], None

    def _matrix_subject(self, verb: Token, pronoun: Token) -> Token | None:
        """ "Syria says it is willing ...", "The rebels said they will ...": a pronoun
        subject of a reported clause is the reporter, when number agrees."""
        node = verb
        while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp":
            return None
        reporter = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
        if reporter is None or reporter.pos_ == "PRON":
            return None
        plural = reporter.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in reporter.children)
        word = pronoun.lower_
        if word in ("it",) and not plural and self.owner.get(reporter.i) is not None and \
                self.owner[reporter.i].type in ("GPE", "ORG"):
            return reporter
        if word in ("it",) and not plural and reporter.i in self.actor_at and self.actor_at[reporter.i].entity is None \
                and reporter.lower_ not in ("he", "she"):
            return reporter
        if word in ("they", "we") and (plural or (self.owner.get(reporter.i) is not None and self.owner[reporter.i].type in ("GPE", "ORG"))):
            return reporter
        if word in ("he", "she") and self.owner.get(reporter.i) is not None and self.owner[reporter.i].type == "PERSON":
            return reporter
        return None

    def _coordinated(self, head: Token) -> list[Token]:
        heads = [head]
        entity = self.owner.get(head.i)
        is_country = entity is not None and entity.nation is not None
        for child in head.children:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
                heads.extend(self._coordinated(child))
            elif child.dep_ == "appos" and is_country and child.i in self.owner and self.owner[child.i].nation is not None:
                heads.extend(self._coordinated(child))  # "Saudi Arabia, the UAE, Bahrain and Egypt"
        return heads

    # ---- building an event -----------------------------------------------------

    def _event(self, trigger: Token, pattern: Pattern) -> Event | None:
        doc = self.doc
        sentence = sentence_of(doc, trigger.i)
        event = Event(type=pattern.type, pattern=pattern.name, trigger=CharSpan.of(trigger),
                      sentence=CharSpan(sentence.start_char, sentence.end_char), trigger_i=trigger.i,
                      mode=pattern.mode, context=list(pattern.context))
        governors = self._governors(trigger)
        if self._nominal(trigger):
            actor_heads, note = self._noun_actor(trigger)
            between = self._between(trigger)
            if between:
                actor_heads = between
            if not actor_heads:
                return None  # an event noun with no one doing it is a topic, not an event
        else:
            actor_heads, note = self._subject(trigger)
            if not actor_heads and pattern.object_as_actor:
                # "troops were redirected": the forces moved are the actor
                obj = self._object(trigger)
                actor_heads = self._coordinated(obj) if obj is not None else []
        event.actor = self._role(actor_heads)
        if event.actor is not None and not event.actor.empty and not event.actor.countries and actor_heads:
            self._place_role(event.actor, self._partitive(actor_heads[0]), trigger)
        event.recipient = self._recipient(trigger, pattern, event.actor)
        if pattern.type in LOCATED:
            skip = {t.i for h in actor_heads for t in h.subtree}
            skip |= {t.i for c in trigger.head.children if c.dep_ in SUBJECTS for t in c.subtree}
            place = self._location(trigger, skip)
            if place is not None:
                if event.actor is not None and not event.actor.countries and (
                        event.actor.sectors or event.actor.empty or pattern.type == "PROTEST"):
                    # protesters, troops or a government of no stated country act where they are
                    event.actor.countries = list(place.countries)
                    event.actor.note = "country where it happened"
                if event.recipient is None or not event.recipient.countries:
                    event.recipient = place
        self._domestic(event)
        self._modality(event, trigger, governors)
        self._reported(event, trigger, pattern)
        self._demanded(event)
        if pattern.reciprocal and event.actor and len(set(event.actor.countries)) >= 2 and (
                event.recipient is None or event.recipient.empty):
            event.recipient = Role(list(event.actor.heads), event.actor.span, list(event.actor.entities),
                                   list(event.actor.countries), list(event.actor.sectors))
            event.reciprocal = True
        if event.mode is None:
            event.mode = self._mode_from_words(event.type, trigger, actor_heads)
        self._convert(event, pattern)
        self._contexts(event, trigger)
        self._confidence(event, trigger)
        event.intensity, event.cameo, event.quad = self.knowledge.score(event.type, event.mode)
        event.evidence.append((event.trigger, event.sentence))
        return event

    def _noun_actor(self, noun: Token) -> tuple[list[Token], str | None]:
        for child in noun.children:
            if child.dep_ == "poss" and self._is_actor(child) and (child.pos_ != "PRON" or child.i in self.owner):
                return self._coordinated(child), None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self._is_actor(pobj):
                    return self._coordinated(pobj), None
        for child in noun.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and (child.i in self.owner or child.i in self.actor_at):
                entity = self.owner.get(child.i)
                if entity is None or entity.type in ("GPE", "ORG", "NORP", "PERSON"):
                    return [child], None
        # "held talks", "imposed sanctions": the light verb's subject
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in self.light:
            return self._subject(noun.head)
        # "returned to Geneva for talks"
        if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "on") and noun.head.head.lemma_.lower() in self.motion:
            return self._subject(noun.head.head)
        for child in noun.children:
            if child.dep_ == "poss" and self._is_actor(child):
                return self._coordinated(child), None
        return [], None

    def _between(self, noun: Token) -> list[Token]:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("between", "among", "amongst"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._coordinated(pobj)
        return []

    def _recipient(self, trigger: Token, pattern: Pattern, actor: Role | None) -> Role | None:
        actor_heads = set(actor.heads) if actor else set()
        fallback = None
        for source in pattern.recipient:
            for head in self._recipient_heads(trigger, source):
                if head.i in actor_heads:
                    continue
                homeland = self._homeland(head)
                if homeland is not None:
                    return homeland
                head = self._partitive(head)
                owner = head if (head.i in self.actor_at or head.i in self.owner or head.pos_ == "PRON"
                                 or self._group_reference(head) is not None) else self._owner_of(head)
                if owner is not None and owner.i not in actor_heads:
                    role = self._role(self._coordinated(owner))
                    if role is not None and not role.empty and (role.countries or role.sectors or role.entities):
                        if not role.countries:
                            # "76 hostages from a hideout in Zamfara state", "24 hostages,
                            # including 13 Israelis": people of no stated country, placed
                            self._place_role(role, owner, trigger)
                        if role.countries or source == "complement":
                            return role  # the subject of what was said is who it is said of
                        # no country: a later source may name one ("... if the United States")
                        fallback = fallback or role
        return fallback

    def _recipient_heads(self, trigger: Token, source: str) -> list[Token]:
        doc = self.doc
        if source in ("object", "object_owner"):
            obj = self._object(trigger) if trigger.pos_ in ("VERB", "AUX") else None
            return [obj] if obj is not None else []
        if source == "dative":
            return [c for c in trigger.children if c.dep_ in ("dative", "iobj")]
        if source == "complement":
            clause = next((c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")), None)
            if clause is not None:
                return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            return []
        if source == "complement_object":
            clause = next((c for c in trigger.children if c.dep_ == "xcomp"), None)
            return [c for c in clause.children if c.dep_ == "dobj"] if clause is not None else []
        if source == "subject":
            return [c for c in trigger.children if c.dep_ in SUBJECTS]
        if source == "complement_any":
            # "threatened to deliver blows to the United States", "offered to negotiate
            # with the president of Armenia": the recipient inside what is threatened or offered
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
        if source == "condition":
            # "threatened to quit the talks if the United States deploys ...": the one the
            # condition is on
            heads = []
            for advcl in (t for t in trigger.subtree if t.dep_ == "advcl"):
                if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in advcl.children):
                    heads += [c for c in advcl.children if c.dep_ in ("nsubj", "nsubjpass") and self._is_actor(c)]
            return heads
        if source == "against_any":
            return [t for t in trigger.subtree if t.dep_ == "pobj" and t.head.lower_ in ("against", "on")]
        heads = []
        holders = [trigger]
        obj = self._object(trigger) if trigger.pos_ in ("VERB", "AUX") else None
        if obj is not None:
            holders.append(obj)
        if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in self.light:
            holders.append(trigger.head)  # "waged war against the government"
        for holder in list(holders):
            # "the withdrawal of some invasion forces from Panama", "spoke by telephone with X",
            # "a hunger strike in protest against ..."
            for prep in holder.children:
                if prep.dep_ == "prep" and (prep.lower_ == "of" or (holder.i == trigger.i and prep.lower_ in ("by", "over", "via"))):
                    holders += [c for c in prep.children if c.dep_ == "pobj"]
                elif prep.dep_ == "prep" and prep.lower_ == "in":
                    holders += [c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in ("protest", "response", "retaliation")]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in ("prep", "dative", "agent") and child.lower_ == source:
                    heads += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        return heads

    def _homeland(self, head: Token) -> Role | None:
        """ "his country", "their homeland": the country of whoever the possessive is."""
        if head.lemma_.lower() not in ("country", "nation", "homeland", "motherland", "territory"):
            return None
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        entity = self.owner.get(poss.i) if poss is not None else None
        if entity is None or not entity.country:
            return None
        country = self.doc._.layers.entities and next(
            (e for e in self.doc._.layers.entities if e.nation is not None and e.country == entity.country), None)
        role = Role([head.i], CharSpan(poss.idx, head.idx + len(head.text)), countries=[entity.country])
        if country:
            role.entities.append(country)
        role.note = f"the country of {entity.name}"
        return role

    def _owner_of(self, thing: Token, depth: int = 0) -> Token | None:
        """Whose the thing is: "Syria's offices", "offices of the Palestinian
        administrators", "a camp for Congolese refugees", "Israeli changes"."""
        named = [c for c in thing.lefts if c.dep_ in ("amod", "compound", "nmod")
                 and (c.i in self.owner or c.i in self.actor_at)]
        if not named:
            # "a British-flagged tanker": the country inside a hyphenated modifier
            named = [g for c in thing.lefts if c.dep_ in ("amod", "compound")
                     for g in c.lefts if g.i in self.owner and self.owner[g.i].nation is not None]
        for child in thing.children:
            if child.dep_ == "poss" and self._is_actor(child) and not (child.pos_ == "PRON" and named):
                return child
        if named:
            return named[-1]  # "proposed Israeli changes"
        for child in thing.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "by", "from", "including", "at", "with", "against"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self._is_actor(pobj):
                    return pobj
                if pobj is not None and depth < 2:
                    # "the independence of Georgia's breakaway regions"
                    deeper = self._owner_of(pobj, depth + 1)
                    if deeper is not None:
                        return deeper
        for child in thing.children:
            # "settlements in the Gaza Strip": things in a place belong to its country
            if child.dep_ == "prep" and child.lower_ in ("in", "inside", "near"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and self._place_country(pobj):
                    return pobj
        return None

    def _place_country(self, token: Token) -> str | None:
        entity = self.owner.get(token.i)
        if entity is not None and entity.country and (entity.nation is not None or entity.type in ("GPE", "LOC", "FAC")):
            return entity.country
        if entity is None and token.pos_ in ("NOUN", "PROPN"):
            # "Nigeria's Borno state", "the Kashmir valley": the place named before the noun
            for child in token.lefts:
                if child.dep_ in ("poss", "compound", "amod") and child.i in self.owner:
                    inner = self.owner[child.i]
                    if inner.country and (inner.nation is not None or inner.type in ("GPE", "LOC", "FAC")):
                        return inner.country
        return None

    def _place_role(self, role: Role, head: Token, trigger: Token) -> None:
        """Give a role of people with no stated country the country they are in or from."""
        owner = self._owner_of(head)
        if owner is not None:
            other = self._role([owner])
            if other is not None and other.countries:
                role.countries = list(other.countries)
                role.note = "the country they belong to or are in"
                return
        for token in head.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE | {"from"}:
                country = self._place_country(token)
                if country:
                    role.countries = [country]
                    role.note = "the country they are in"
                    return

    def _location(self, trigger: Token, skip: set[int]) -> Role | None:
        """Where the event happens, from an "in"/"at"/"near" phrase of its own clause:
        "blew themselves up in Tel Aviv", "blocked roads in Algiers"."""
        root = trigger
        while root.dep_ in ("advcl", "xcomp", "conj", "acl") and root.head.i != root.i:
            root = root.head  # "a car bomb ripped through a market in Baghdad, killing dozens"
        for token in root.subtree:
            if token.i in skip or token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE:
                continue
            country = self._place_country(token)
            if country:
                entity = self.owner.get(token.i)
                role = Role([token.i], CharSpan(token.idx, token.idx + len(token.text)), countries=[country])
                if entity is not None and entity.nation is not None:
                    role.entities.append(entity)
                role.note = "the country where it happened"
                return role
        return None

    def _domestic(self, event: Event) -> None:
        """ "Kenyan activists criticised the government", "police detained Egyptian
        protesters": a state body of no stated country, facing the people of one country,
        is that country's; and people of no stated country facing one state's body are its
        people ("rebels attacked Malian troops"). Only people, not a country itself:
        "Russia criticised the government" says nothing of whose."""
        def state(role: Role) -> bool:
            return bool(role.sectors) and set(role.sectors) <= STATE_SECTORS

        def people(role: Role) -> bool:
            return bool(role.sectors) and not set(role.sectors) & STATE_SECTORS

        for one, other in ((event.recipient, event.actor), (event.actor, event.recipient)):
            if one is None or other is None or one.empty or other.empty or one.countries \
                    or len(set(other.countries)) != 1:
                continue
            if state(one) and people(other):
                one.countries, one.note = [other.countries[0]], "the state of the people it faces"
            elif people(one) and state(other):
                one.countries, one.note = [other.countries[0]], "the people of the state they face"

    def _partitive(self, head: Token) -> Token:
        """ "a group of Moroccan diplomats", "thousands of Nigerians": the people after "of"."""
        if head.lemma_.lower() in self.partitives or head.lower_ in self.partitives or head.like_num:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return self._partitive(pobj)
        return head

    def _role(self, heads: list[Token]) -> Role | None:
        if not heads:
            return Role([], None)
        heads = [self._partitive(h) for h in heads]
        role = Role([h.i for h in heads], None)
        starts, ends = [], []
        for head in heads:
            actor = self.actor_at.get(head.i)
            entity = self.owner.get(head.i)
            if head.lower_ in FIRST_PERSON and head.pos_ == "PRON" and head.i in self.quote_of:
                # "come to meet me": in a quotation, I and we are the speaker
                quote = self.quote_of[head.i]
                if quote.speaker_head is not None:
                    actor = self.actor_at.get(quote.speaker_head)
                    entity = quote.entity or entity
            group = self._group_reference(head) if actor is None and entity is None else None
            if group:
                for country in group:
                    if country not in role.countries:
                        role.countries.append(country)
                role.note = "the countries the article has been about"
                starts.append(head.left_edge.idx)
                ends.append(head.idx + len(head.text))
                continue
            country, sectors, span = None, [], CharSpan.of(head)
            if actor is not None:
                country, sectors, span = actor.country, list(actor.sectors), actor.span
                entity = actor.entity or entity
            elif entity is not None:
                country, sectors = entity.country, list(entity.sectors)
                if entity.nation is None and entity.type in ("GPE", "LOC", "FAC") and entity.place is None:
                    country = None
            if entity is not None and entity not in role.entities:
                role.entities.append(entity)
            if country and country not in role.countries:
                role.countries.append(country)
            # "U.S. and Russian negotiators", "Senior Hungarian and Romanian officials"
            for extra in self._coordinated_countries(head):
                if extra not in role.countries:
                    role.countries.append(extra)
            for sector in sectors:
                if sector not in role.sectors:
                    role.sectors.append(sector)
            starts.append(span.start)
            ends.append(span.end)
        role.span = CharSpan(min(starts), max(ends))
        return role

    def _coordinated_countries(self, head: Token) -> list[str]:
        found = []
        for mod in head.lefts:
            if mod.dep_ in ("amod", "compound", "nmod") and any(c.dep_ == "conj" for c in mod.children):
                for token in [mod] + [c for c in mod.subtree if c.dep_ == "conj"]:
                    entity = self.owner.get(token.i)
                    if entity is not None and entity.nation is not None and entity.country:
                        found.append(entity.country)
        return found if len(found) >= 2 else []

    def _group_reference(self, head: Token) -> list[str] | None:
        """ "the two countries", "both sides", "the neighbouring countries": the two
        countries mentioned most before this point, when the phrase names none."""
        if head.lemma_.lower() not in self.group_nouns or head.tag_ not in ("NNS", "NNPS"):
            return None
        determiners = {c.lower_ for c in head.lefts}
        if not determiners & {"the", "both", "two"}:
            return None
        if any(c.i in self.owner for c in head.subtree if c.i != head.i):
            return None
        counts: dict[str, int] = {}
        for entity in self.doc._.layers.entities:
            if entity.nation is None or not entity.country:
                continue
            counts[entity.country] = counts.get(entity.country, 0) + sum(1 for m in entity.mentions if m.end <= head.idx)
        ranked = sorted((c for c in counts.items() if c[1]), key=lambda kv: -kv[1])
        if len(ranked) < 2 or (len(ranked) > 2 and ranked[1][1] == ranked[2][1]):
            return None
        return [ranked[0][0], ranked[1][0]]

    # ---- modality and conversion ----------------------------------------------

    def _modality(self, event: Event, trigger: Token, governors: list[Token]) -> None:
        chain = [trigger] + governors
        for node in chain:
            if any(c.dep_ == "neg" for c in node.children):
                event.negated = not event.negated
        for node in chain:
            lemma = node.lemma_.lower()
            auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
            if any(a in self.possible for a in auxes):
                event.modality = event.modality or "possible"
            if node is not trigger and lemma in self.intended:
                event.modality = "intended"
            elif node is not trigger and lemma in self.planned:
                event.modality = event.modality or "planned"
            elif node is not trigger and lemma in self.required:
                event.modality = event.modality or "required"
            if any(a in self.obligation for a in auxes):
                event.modality = event.modality or "required"
            if any(a in self.future for a in auxes):
                event.modality = event.modality or "future"
            for child in node.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.conditional for m in child.children):
                    if event.modality is None or (event.modality == "future" and not any(
                            m.lower_ == "unless" for m in child.children)):
                        event.modality = "conditional" if event.modality is None else event.modality
                    event.intended = event.intended or ("unless" if any(m.lower_ == "unless" for m in child.children) else None)

    def _by_actor(self, event: Event) -> None:
        """PLOVER separates civilian from state action: violence by protesters or
        civilians is a riot (PROTEST), and a state does not protest — when a government
        blocks or obstructs, it restricts (COERCE)."""
        sectors = set(event.actor.sectors) if event.actor else set()
        if event.type in ("ASSAULT", "COERCE") and sectors and sectors <= {"CVL", "EDU", "LAB", "AGR", "REL", "SOC"}:
            event.intended, event.type, event.mode = event.type, "PROTEST", "riot"
        elif event.type == "PROTEST" and sectors & STATE_SECTORS and event.mode in ("obstruct", "boycott", None):
            event.type, event.mode = "COERCE", "restrict"

    def _convert(self, event: Event, pattern: Pattern) -> None:
        """PLOVER's reading of intentions: a promised cooperative act is AGREE, a
        promised conflictual one THREATEN, a refused cooperative one REJECT."""
        self._by_actor(event)
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
                event.mode = self._threat_mode(event.intended, event.mode)
        if event.modality == "future":
            event.modality = "intended"

    def _threat_mode(self, act: str, mode: str | None) -> str | None:
        return {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": "restrict",
                "SANCTION": "relations", "PROTEST": "restrict"}.get(act)

    def _mode_from_words(self, type_: str, trigger: Token, actor_heads: list[Token]) -> str | None:
        table = self.modes.get(type_)
        if not table:
            return None
        near = list(trigger.subtree)
        if len(near) > 40:
            near = [trigger, *trigger.children]
        for head in actor_heads:
            near += [head, *head.children]
        words = {t.lemma_.lower() for t in near} | {t.lower_ for t in near}
        for mode, cues in table.items():
            if words & cues:
                return mode
        return None

    def _reported(self, event: Event, trigger: Token, pattern: Pattern) -> None:
        quote = self.quote_of.get(trigger.i)
        if quote is None:
            return
        event.quote_id = quote.id or None
        event.reported_by = quote.entity
        speaker = self.doc[quote.speaker_head] if quote.speaker_head is not None else None
        # A speech act in a quote without its own actor ("we demand ...") is the speaker's.
        first_person = event.actor is not None and any(
            self.doc[h].lower_ in FIRST_PERSON and self.doc[h].pos_ == "PRON" for h in event.actor.heads)
        if pattern.verbal and speaker is not None and (event.actor is None or event.actor.empty or first_person):
            event.actor = self._role([speaker])
        elif event.actor is not None and event.actor.sectors and not event.actor.countries and speaker is not None:
            # "troops were being redirected", said a Russian military official: troops of
            # no stated country are the source's own — when the source is of that state.
            source = self._role([speaker])
            state_source = source is not None and source.countries and not set(source.countries) & INTERNATIONAL \
                and set(source.sectors) & {"GOV", "MIL", "COP"}
            if state_source:
                event.actor.countries = list(source.countries)
                event.actor.note = "country of the source reporting it"

    def _demanded(self, event: Event) -> None:
        """ "He needs to come and meet me", says X: what a speaker says someone else
        must do is the speaker's demand (REQUEST) of that someone."""
        if event.modality != "required" or event.quote_id is None or event.type in VERBAL_GOVERNORS:
            return
        quote = next((q for q in self.doc._.layers.quotes if q.id == event.quote_id), None)
        if quote is None or quote.speaker_head is None:
            return
        speaker = self._role([self.doc[quote.speaker_head]])
        if speaker is None or speaker.empty or (event.actor and set(event.actor.countries) == set(speaker.countries)
                                                 and set(event.actor.entities) == set(speaker.entities)):
            return
        event.intended = event.type
        event.recipient = event.actor
        event.actor = speaker
        event.type = "REQUEST"
        event.mode = {"CONSULT": "meet", "RETREAT": "yield", "CONCEDE": "yield", "AID": "assist",
                      "COOPERATE": "assist"}.get(event.intended)
        event.modality = None

    def _contexts(self, event: Event, trigger: Token) -> None:
        sentence = sentence_of(self.doc, trigger.i)
        words = {t.lower_ for t in sentence} | {t.lemma_.lower() for t in sentence}
        text = sentence.text.lower()
        for context, cues in self.knowledge.words.contexts.items():
            if context not in event.context and (words & cues or any(" " in c and c in text for c in cues)):
                event.context.append(context)

    def _confidence(self, event: Event, trigger: Token) -> None:
        score = 0.9
        if event.actor is None or event.actor.empty or not (event.actor.countries or event.actor.sectors):
            score -= 0.3
        if event.recipient is None and event.type in ("COOPERATE", "AID", "SANCTION"):
            score -= 0.15
        if self._nominal(trigger):
            score -= 0.1
        if event.hypothetical:
            score -= 0.1
        event.confidence = max(0.1, score)

    # ---- sentence-level rules --------------------------------------------------

    def _governed(self, events: list[Event]) -> list[Event]:
        """A speech act governing another event ("threatened to ban", "refused to
        deploy") is the event; the governed act is its content, not a second event."""
        by_trigger = {e.trigger_i: e for e in events}
        drop = set()
        for event in events:
            node = self.doc[event.trigger_i]
            # "began a hunger strike to protest ...", "blocked roads demanding ...": the
            # purpose or manner of an event is part of it, not another event — except a
            # separate speech act of a non-protest ("cut ties, accusing Doha of ...").
            clause = node
            while clause.dep_ == "conj" and clause.tag_ == "VBG" and clause.head.tag_ == "VBG":
                clause = clause.head  # "..., freezing their assets and banning them from ..."
            outer = self._clause_event(clause, by_trigger) if clause.dep_ in ("advcl", "xcomp", "acl") else None
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
            outer = self._content_of(node, by_trigger)
            if outer is not None and outer is not event:
                drop.add(id(event))
                if outer.recipient is None and event.recipient is not None:
                    outer.recipient = event.recipient
                continue
            step = node
            for governor in self._governors(node):
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

    def _clause_event(self, node: Token, by_trigger: dict[int, Event]) -> Event | None:
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

    def _content_of(self, node: Token, by_trigger: dict[int, Event]) -> Event | None:
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

    def _obligations(self) -> list[Event]:
        """ "Russia said Sudan must return the helicopter": a demand, by the speaker, of
        the subject of the obligation."""
        found = []
        for quote in self.doc._.layers.quotes:
            if quote.kind == "direct" or quote.speaker_head is None or quote.cue is None:
                continue
            part = quote.parts[0]
            span = self.doc.char_span(part.start, part.end, alignment_mode="expand")
            if span is None:
                continue
            verb = span.root
            auxes = [c for c in verb.children if c.dep_ == "aux"]
            if not any(a.lower_ in self.obligation for a in auxes):
                continue
            if not self._asserted(self.doc[quote.speaker_head]):
                continue
            actor = self._role([self.doc[quote.speaker_head]])
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects or not self._is_actor(subjects[0]):
                continue  # "the question should be put to a vote" demands nothing of anyone
            recipient = self._role(self._coordinated(subjects[0]))
            sentence = sentence_of(self.doc, verb.i)
            cue = quote.cue
            event = Event(type="REQUEST", pattern="request.said-must", trigger=cue,
                          sentence=CharSpan(sentence.start_char, sentence.end_char), trigger_i=verb.i,
                          actor=actor, recipient=recipient, reported_by=quote.entity, quote_id=quote.id or None)
            event.mode = self._mode_from_words("REQUEST", verb, [])
            self._confidence(event, verb)
            event.intensity, event.cameo, event.quad = self.knowledge.score(event.type, event.mode)
            event.evidence.append((cue, event.sentence))
            found.append(event)
        return found

    def _merge(self, events: list[Event]) -> list[Event]:
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
