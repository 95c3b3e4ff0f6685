"""Which pattern of data/event_patterns.toml a token triggers, if any: a verb in its frame
("imposed sanctions", "called for"), or an event noun ("the invasion", "a sit-in"),
together with the object the pattern consumed (so "lifted sanctions" is not also a
SANCTION).
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ...knowledge.events import Pattern
from .context import EventContext, is_hyphen_word, is_nominal, object_of

_HYPHEN = hash_string("-")


def trigger_candidates(doc: Doc, words: frozenset[str]) -> list[int]:
    """The tokens that may trigger an event, in text order: those whose lemma or lower-case form
    is a trigger word, and the last parts of hyphenated words. match_trigger decides; this only
    spares it (and a Token object) for the nine words in ten that can trigger nothing."""
    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    columns = doc.to_array([LEMMA, LOWER, ORTH])
    # A lemma keeps its case ("Protests"), so each distinct one is lower-cased once.
    lemmas = [lemma for lemma in numpy.unique(columns[:, 0]).tolist() if strings[lemma].lower() in words]
    lowers = [lower for lower in numpy.unique(columns[:, 1]).tolist()
              if strings[lower] in words or any(form in words for form in _singulars(strings[lower]))]
    wanted = numpy.isin(columns[:, 0], lemmas) | numpy.isin(columns[:, 1], lowers)
    wanted[2:] |= columns[1:-1, 2] == _HYPHEN
    return numpy.nonzero(wanted)[0].tolist()


def match_trigger(ctx: EventContext, token: Token) -> tuple[Pattern, Token | None] | None:
    """The first pattern that fits the token, with the object it consumed (or None)."""
    knowledge = ctx.knowledge
    if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
        if token.lemma_.lower() in ctx.words.light_verbs:
            # "ordered an inquiry", "held talks": the noun is the event
            obj = object_of(token)
            if obj is not None and any(knowledge.by_noun.get(k) for k in noun_keys(obj)):
                specific = [p for p in knowledge.by_verb.get(token.lemma_.lower(), ()) if p.objects]
                for pattern in specific:
                    fit = verb_fits(ctx, token, pattern)
                    if fit is not False:
                        return pattern, fit
                return None
        for pattern in knowledge.by_verb.get(token.lemma_.lower(), ()):
            obj = verb_fits(ctx, token, pattern)
            if obj is not False:
                return pattern, obj
    elif is_nominal(token) and token.dep_ not in ("compound",):
        for key in noun_keys(token):
            for pattern in knowledge.by_noun.get(key, ()):
                if noun_fits(token, pattern):
                    return pattern, None
    return None


def noun_keys(token: Token) -> list[str]:
    """The names a noun may be listed under: "walk-out", "walkout", "hunger strike", "talks"."""
    keys = []
    if is_hyphen_word(token):
        first = token.doc[token.i - 2].lower_
        keys += [f"{first}-{token.lower_}", f"{first}{token.lower_}"]  # "walk-out" is a walkout
    compound = [c for c in token.lefts if c.dep_ == "compound" and c.i == token.i - 1]
    if compound:
        keys.append(f"{compound[0].lemma_.lower()} {token.lemma_.lower()}")
    keys.append(token.lemma_.lower())
    if token.lower_ != token.lemma_.lower():
        keys.append(token.lower_)
    if token.pos_ == "PROPN" and token.is_title:
        # "Talks between Serbia and Kosovo ended": a plural the tagger took for a name at the
        # start of a sentence is not lemmatised
        keys += _singulars(token.lower_)
    return keys


def _singulars(word: str) -> list[str]:
    """What a plural may be the plural of: "talks" -> "talk", "clashes" -> "clash"."""
    if not word.endswith("s") or len(word) < 4:
        return []
    return [word[:-1], word[:-2]] if word.endswith("es") else [word[:-1]]


def verb_fits(ctx: EventContext, verb: Token, pattern: Pattern) -> Token | None | bool:
    """False when the pattern does not fit; else the object it consumed (or None)."""
    obj = object_of(verb)
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
        words = words_of(ctx, obj) if obj is not None else set()
        for prep in verb.children:
            # "put troops on alert", "withdrew from the court"
            if prep.dep_ in ("prep", "prt") and prep.lower_ in pattern.prep:
                for pobj in prep.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        words |= words_of(ctx, pobj)
        if not words & pattern.objects or words & pattern.unless_objects:
            return False
    if pattern.object_is_actor and (obj is None or not ctx.is_actor(obj)):
        return False
    if pattern.prep and not any(c.dep_ in ("prep", "prt", "agent") and c.lower_ in pattern.prep for c in verb.children):
        return False
    if pattern.particle and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in pattern.particle
                                    for c in verb.children):
        return False
    if pattern.predicates and not any(c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.lower_ in pattern.predicates
                                      for c in verb.children):
        return False  # "held Israel responsible", not "held talks"
    if pattern.complement:
        comp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if comp is None or comp.lemma_.lower() not in pattern.complement:
            return False
    return obj if pattern.objects else None


def words_of(ctx: EventContext, thing: Token) -> set[str]:
    """The lemmas that say what a thing is: "a state of siege", "part of a military aid
    program", "$272 million in security assistance", "dozens of warplanes"."""
    thing = ctx.partitive(thing)
    words = {thing.lemma_.lower(), thing.lower_, *noun_keys(thing)} | {
        c.lemma_.lower() for c in thing.children if c.dep_ in ("compound", "amod", "nmod")}
    for prep in thing.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "to"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    words |= {pobj.lemma_.lower()} | {c.lemma_.lower() for c in pobj.children
                                                      if c.dep_ in ("compound", "amod")}
    return words


def noun_fits(noun: Token, pattern: Pattern) -> bool:
    """Whether an event noun has the modifier or the preposition its pattern asks for."""
    if pattern.modifiers and not any(c.lemma_.lower() in pattern.modifiers for c in noun.lefts):
        return False
    if pattern.prep and not pattern.verbs and not any(
            c.dep_ == "prep" and c.lower_ in pattern.prep and any(
                o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children)
            for c in noun.children):
        return False  # "a strike on the airbase", not "a strike on Monday"
    return True
