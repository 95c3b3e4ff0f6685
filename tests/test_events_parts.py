"""The parts of the events stage, without a model: PLOVER's rules on hand-built events and
roles, merging, the recipient-source table against the pattern file, the typed word lists,
and the clause and trigger questions on small hand-parsed sentences."""

from __future__ import annotations

import dataclasses

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.document.article import Article, CharSpan
from eventwire.document.doc import start_document
from eventwire.document.layers import Event, Role
from eventwire.knowledge import DATA
from eventwire.knowledge.events import (
    AGREEING,
    CONFLICTUAL,
    CONTENT_HOLDERS,
    COOPERATIVE,
    DEFAULT_RECIPIENT,
    LOCATED,
    TYPES,
    VERBAL_GOVERNORS,
    EventKnowledge,
    EventWords,
    load_patterns,
)
from eventwire.stages.events.clauses import asserted, governors
from eventwire.stages.events.coder import EventCoder
from eventwire.stages.events.context import EventContext, is_hyphen_word, object_of
from eventwire.stages.events.merge import fold_obligations, merge
from eventwire.stages.events.modality import by_actor, convert, modality, threat_mode
from eventwire.stages.events.recipient_sources import RECIPIENT_SOURCES, recipient_heads
from eventwire.stages.events.roles import domestic
from eventwire.stages.events.triggers import match_trigger, noun_keys

# The prepositions event_patterns.toml may name as a recipient source; any other name must
# be in RECIPIENT_SOURCES, or it is a typo that would silently find no one.
PREPOSITIONS = {"about", "against", "among", "around", "at", "between", "by", "for", "from", "in", "inside",
                "into", "near", "of", "off", "on", "out", "outside", "over", "through", "to", "toward",
                "towards", "via", "with"}
# A blank English vocabulary (no model): it gives tokens their lower-case forms.
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def knowledge() -> EventKnowledge:
    return EventKnowledge.load(DATA)


def role(*heads: int, countries=(), sectors=()) -> Role:
    return Role(list(heads), CharSpan(0, 1), countries=list(countries), sectors=list(sectors))


def event(type_: str = "ASSAULT", at: int = 0, actor: Role | None = None, recipient: Role | None = None,
          **fields) -> Event:
    trigger = CharSpan(at * 10, at * 10 + 5)
    return Event(type=type_, pattern="test", trigger=trigger, sentence=CharSpan(0, 200), trigger_i=at,
                 actor=actor, recipient=recipient, evidence=[(trigger, CharSpan(0, 200))], **fields)


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str],
           lemmas: list[str] | None = None, spaces: list[bool] | None = None) -> Doc:
    """A Doc parsed by hand (heads are token indices), with empty layers."""
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              lemmas=lemmas or [w.lower() for w in words])
    return start_document(doc, Article(id="test", text=doc.text))


# ---- modality: PLOVER's reading of a bare Event ------------------------------------------

def test_modality_convert_promised_cooperation_is_agree():
    promise = event("COOPERATE", modality="future", mode="military")
    convert(promise)
    assert (promise.type, promise.intended, promise.mode, promise.modality) == ("AGREE", "COOPERATE", None, "intended")


def test_modality_convert_refused_cooperation_is_reject():
    refusal = event("SUPPORT", modality="intended", negated=True)
    convert(refusal)
    assert (refusal.type, refusal.intended, refusal.negated, refusal.mode) == ("REJECT", "SUPPORT", False, None)


def test_modality_convert_attack_unless_is_a_threat_of_violence():
    threat = event("ASSAULT", intended="unless")
    convert(threat)
    assert (threat.type, threat.intended, threat.mode, threat.modality) == ("THREATEN", "ASSAULT", "violence", None)


def test_modality_convert_leaves_facts_and_possibilities_alone():
    fact = event("ASSAULT", mode="firearms")
    possible = event("COOPERATE", modality="possible")
    convert(fact)
    convert(possible)
    assert (fact.type, fact.mode, fact.intended) == ("ASSAULT", "firearms", None)
    assert (possible.type, possible.modality) == ("COOPERATE", "possible")


def test_modality_by_actor_civilian_violence_is_a_riot():
    riot = event("ASSAULT", actor=role(0, sectors=["CVL", "EDU"]))
    by_actor(riot)
    assert (riot.type, riot.mode, riot.intended) == ("PROTEST", "riot", "ASSAULT")


def test_modality_by_actor_state_obstruction_is_a_restriction():
    blockade = event("PROTEST", actor=role(0, sectors=["GOV"]), mode="obstruct")
    march = event("PROTEST", actor=role(0, sectors=["GOV"]), mode="demonstrate")
    by_actor(blockade)
    by_actor(march)
    assert (blockade.type, blockade.mode) == ("COERCE", "restrict")
    assert (march.type, march.mode) == ("PROTEST", "demonstrate")


def test_modality_convert_reads_the_actor_first():
    # students who will attack riot, and a promised riot is a threat to restrict
    promise = event("ASSAULT", actor=role(0, sectors=["EDU"]), modality="future")
    convert(promise)
    assert (promise.type, promise.intended, promise.mode) == ("THREATEN", "PROTEST", "restrict")


def test_modality_threat_mode_by_act():
    assert [threat_mode(t) for t in ("ASSAULT", "SANCTION", "COERCE", "AID")] == ["violence", "relations", "restrict", None]


# ---- roles -------------------------------------------------------------------------------

def test_roles_domestic_state_body_takes_the_country_of_the_people_it_faces():
    arrest = event("COERCE", actor=role(0, sectors=["COP"]), recipient=role(2, countries=["EGY"], sectors=["CVL"]))
    domestic(arrest)
    assert arrest.actor.countries == ["EGY"]
    assert arrest.actor.note == "the state of the people it faces"


def test_roles_domestic_says_nothing_of_a_country_facing_a_state_body():
    # "Russia criticised the government": a country has no sectors, so whose is unknown
    criticism = event("ACCUSE", actor=role(0, countries=["RUS"]), recipient=role(2, sectors=["GOV"]))
    domestic(criticism)
    assert criticism.recipient.countries == []


# ---- merge -------------------------------------------------------------------------------

def test_merge_same_act_twice_is_one_event_with_both_evidence():
    first = event("CONSULT", at=2, actor=role(0, countries=["FRA"]), recipient=role(4, countries=["DEU"]),
                  modality="planned", confidence=0.5)
    again = event("CONSULT", at=8, actor=role(6, countries=["FRA"]), recipient=role(9, countries=["DEU"]),
                  confidence=0.8)
    own = first.evidence[0]
    merged = merge([again, first])
    assert merged == [first]
    assert first.id == "v1"
    assert first.evidence == [own, again.evidence[0]]
    assert first.confidence == 0.8
    assert first.modality is None  # stated as fact the second time


def test_merge_keeps_a_possible_act_apart_from_the_fact_and_numbers_by_trigger():
    later = event("ASSAULT", at=5, actor=role(4, countries=["RUS"]))
    possible = event("ASSAULT", at=1, actor=role(0, countries=["RUS"]), modality="possible")
    merged = merge([later, possible])
    assert merged == [possible, later]
    assert [e.id for e in merged] == ["v1", "v2"]


def test_merge_fold_obligations_the_demanded_act_becomes_what_is_intended():
    act = event("AGREE", at=3)
    request = event("REQUEST", at=3)
    other = event("ASSAULT", at=7)
    obligation = event("REQUEST", at=3)
    kept = fold_obligations([act, request, other], [obligation])
    assert kept == [request, other, obligation]
    assert obligation.intended == "AGREE"


# ---- recipient sources -------------------------------------------------------------------

def test_recipient_sources_cover_every_name_in_the_patterns():
    names = {name for pattern in load_patterns(DATA / "event_patterns.toml") for name in pattern.recipient}
    names |= set(DEFAULT_RECIPIENT)
    unknown = {name for name in names if name not in RECIPIENT_SOURCES} - PREPOSITIONS
    assert not unknown, f"recipient sources with no entry in RECIPIENT_SOURCES: {sorted(unknown)}"
    assert not set(RECIPIENT_SOURCES) & PREPOSITIONS


def test_recipient_sources_a_preposition_is_read_from_the_trigger(knowledge):
    doc = parsed(["Russia", "met", "with", "Iran"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                 ["PROPN", "VERB", "ADP", "PROPN"], ["Russia", "meet", "with", "Iran"])
    ctx = EventContext(doc, knowledge)
    assert recipient_heads(ctx, doc[1], "with") == [doc[3]]
    assert recipient_heads(ctx, doc[1], "object") == []
    assert recipient_heads(ctx, doc[1], "subject") == [doc[0]]


# ---- knowledge: facts and typed word lists -----------------------------------------------

def test_knowledge_events_plover_facts_name_plover_types():
    for facts in (COOPERATIVE, CONFLICTUAL, AGREEING, VERBAL_GOVERNORS, CONTENT_HOLDERS, LOCATED):
        assert facts <= set(TYPES)
    assert not COOPERATIVE & CONFLICTUAL
    assert CONTENT_HOLDERS == VERBAL_GOVERNORS | {"SUPPORT"}


def test_knowledge_events_words_load_typed_and_frozen(knowledge):
    words = knowledge.words
    assert isinstance(words, EventWords)
    empty = [f.name for f in dataclasses.fields(EventWords) if not getattr(words, f.name)]
    assert not empty, f"event_words.toml gives no words for {empty}"
    assert "will" in words.future and "hold" in words.light_verbs and "return" in words.motion_verbs
    assert "after" in words.background_marks and "earthquake" in words.nature
    assert list(words.modes["ASSAULT"])[:2] == ["suicide-attack", "explosives"]  # file order decides
    assert next(iter(words.contexts)) == "military"
    with pytest.raises(dataclasses.FrozenInstanceError):
        words.future = frozenset()  # type: ignore[misc]


def test_knowledge_events_words_missing_list_is_empty():
    words = EventWords.from_toml({"modality": {"future": ["will"]}})
    assert words.future == frozenset({"will"})
    assert words.intended == frozenset() and words.modes == {} and words.contexts == {}


# ---- context, clauses and triggers on hand-parsed sentences ------------------------------

def test_context_object_of_a_passive_is_its_subject():
    doc = parsed(["Sanctions", "were", "imposed"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
                 ["NOUN", "AUX", "VERB"], ["sanction", "be", "impose"])
    assert object_of(doc[2]) == doc[0]


def test_triggers_noun_keys_of_a_split_hyphen_word():
    doc = parsed(["They", "staged", "a", "walk", "-", "out"], [1, 1, 5, 5, 5, 1],
                 ["nsubj", "ROOT", "det", "compound", "punct", "dobj"], ["PRON", "VERB", "DET", "NOUN", "PUNCT", "NOUN"],
                 spaces=[True, True, True, False, False, False])
    assert is_hyphen_word(doc[5])
    assert noun_keys(doc[5])[:2] == ["walk-out", "walkout"]


def test_triggers_lifted_curfew_is_a_concession_that_consumes_its_object(knowledge):
    doc = parsed(["The", "government", "lifted", "the", "curfew"], [1, 2, 2, 4, 2],
                 ["det", "nsubj", "ROOT", "det", "dobj"], ["DET", "NOUN", "VERB", "DET", "NOUN"],
                 ["the", "government", "lift", "the", "curfew"])
    ctx = EventContext(doc, knowledge)
    pattern, consumed = match_trigger(ctx, doc[2])
    assert (pattern.type, pattern.name, consumed) == ("CONCEDE", "concede.ease", doc[4])
    assert match_trigger(ctx, doc[1]) is None


def test_clauses_background_clause_is_not_asserted(knowledge):
    doc = parsed(["Russia", "protested", "after", "troops", "attacked"], [1, 1, 4, 4, 1],
                 ["nsubj", "ROOT", "mark", "nsubj", "advcl"], ["PROPN", "VERB", "SCONJ", "NOUN", "VERB"],
                 ["Russia", "protest", "after", "troop", "attack"])
    ctx = EventContext(doc, knowledge)
    assert asserted(ctx, doc[1])
    assert not asserted(ctx, doc[4])


def test_clauses_governors_and_modality_of_a_threat(knowledge):
    doc = parsed(["Iran", "will", "attack"], [2, 2, 2], ["nsubj", "aux", "ROOT"], ["PROPN", "AUX", "VERB"])
    threat = event("ASSAULT", at=2)
    modality(knowledge.words, threat, doc[2], governors(EventContext(doc, knowledge), doc[2]))
    assert threat.modality == "future"
    convert(threat)
    assert (threat.type, threat.intended, threat.mode, threat.modality) == ("THREATEN", "ASSAULT", "violence", "intended")
    doc = parsed(["Iran", "threatened", "to", "ban", "exports"], [1, 1, 3, 1, 3],
                 ["nsubj", "ROOT", "aux", "xcomp", "dobj"], ["PROPN", "VERB", "PART", "VERB", "NOUN"],
                 ["Iran", "threaten", "to", "ban", "export"])
    assert governors(EventContext(doc, knowledge), doc[3]) == [doc[1]]


def test_coder_codes_a_hand_parsed_sentence(knowledge):
    doc = parsed(["The", "government", "lifted", "the", "curfew", "."], [1, 2, 2, 4, 2, 2],
                 ["det", "nsubj", "ROOT", "det", "dobj", "punct"], ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
                 ["the", "government", "lift", "the", "curfew", "."], spaces=[True, True, True, True, False, False])
    events = EventCoder(doc, knowledge).code()
    assert [(e.id, e.type, e.pattern, doc.text[e.trigger.start:e.trigger.end]) for e in events] == [
        ("v1", "CONCEDE", "concede.ease", "lifted")]
    assert events[0].actor.heads == [1] and events[0].evidence == [(events[0].trigger, events[0].sentence)]
