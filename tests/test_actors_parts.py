"""The parts of the entities and actors stages that need no model: hand-built Docs (words,
parts of speech, sentence starts, and where a test needs it a small parse) and a small
hand-built knowledge base, so each rule is tested on its own and fast."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import Doc

import eventwire.knowledge
from eventwire.document.article import Article, CharSpan
from eventwire.document.doc import start_document
from eventwire.document.layers import ActorMention, Entity, Mention
from eventwire.knowledge import Knowledge
from eventwire.knowledge.actors import (
    ORGANISATION,
    PERSON,
    ActorIndex,
    Coding,
    NamedActor,
    coding_at,
)
from eventwire.knowledge.countries import Countries, Country
from eventwire.knowledge.terms import AGENT, MODIFIER, TITLE, Term, Terms
from eventwire.nlp.gazetteer import ACTOR, COUNTRY
from eventwire.stages.actors import code_actors
from eventwire.stages.actors.entity_coding import EntityCoder, describe
from eventwire.stages.actors.modifiers import PhraseReader
from eventwire.stages.actors.offices import link_office
from eventwire.stages.entities.candidates import _split_at_dashes
from eventwire.stages.entities.claims import Candidate, Claims, label_for
from eventwire.stages.entities.grouping import EntityGrouper, name_parts, same_person
from eventwire.stages.entities.place_names import PlaceCues
from eventwire.stages.entities.titles import title_chain

PUBLISHED = date(2022, 3, 28)
# a blank English pipeline's vocabulary: no model, but the lexical attributes (lower_,
# is_punct) the rules read
VOCAB = spacy.blank("en").vocab


def _country(code: str, name: str, adjective: str, demonym: str, capital: str) -> Country:
    return Country(code, code, code[:2], name, (), (adjective,), (demonym,), (capital,), 0.0, 0.0, "state", ())


RUSSIA = _country("RUS", "Russia", "Russian", "Russians", "Moscow")
UKRAINE = _country("UKR", "Ukraine", "Ukrainian", "Ukrainians", "Kyiv")
PHILIPPINES = _country("PHL", "Philippines", "Philippine", "Filipinos", "Manila")


def _term(text: str, sectors: tuple[str, ...], *kinds: str) -> Term:
    return Term(text, sectors, frozenset(kinds), f"titles.tsv:{text}")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    terms = Terms()
    for term in (_term("president", ("GOV",), TITLE, AGENT), _term("minister", ("GOV",), TITLE, AGENT),
                 _term("foreign minister", ("GOV",), TITLE, AGENT), _term("military", ("MIL",), MODIFIER),
                 _term("troops", ("MIL",), AGENT), _term("separatists", ("REB",), AGENT),
                 _term("department", ("GOV",), AGENT), _term("journalist", ("JRN",), AGENT)):
        terms.add(term)
    actors = ActorIndex()
    putin = actors.actor("Vladimir Putin", PERSON)
    actors.add_form(putin, "Vladimir Putin")
    actors.add_coding(putin, Coding("RUS", ("GOV",), date(2012, 5, 7), None, "persons/rus.tsv:3", "President"))
    nato = actors.actor("NATO", ORGANISATION)
    actors.add_form(nato, "NATO")
    lexicon = {
        "titles": {"prefixes": frozenset({"deputy"}), "honorifics": frozenset({"mr"}),
                   "former": frozenset({"former"})},
        "actors": {"backing": frozenset({"backed"}), "ethnic": frozenset({"ethnic"}), "pro": frozenset({"pro"}),
                   "locative": frozenset({"in"}), "group_heads": frozenset({"sides"})},
    }
    places = SimpleNamespace(best=lambda text: None, candidates=lambda text: [])
    return Knowledge(Countries([RUSSIA, UKRAINE, PHILIPPINES]), terms, actors, places, lexicon, {}, None, None)


def make_doc(text: str, pos: list[str] | None = None, heads: list[int] | None = None,
             deps: list[str] | None = None, published: date | None = PUBLISHED) -> Doc:
    """A Doc from space-separated words (a "." starts a new sentence after it), with no model."""
    words = text.split()
    sent_starts = [k == 0 or words[k - 1] == "." for k in range(len(words))]
    if heads is not None:
        doc = Doc(VOCAB, words=words, pos=pos, heads=heads, deps=deps)
    else:
        doc = Doc(VOCAB, words=words, pos=pos, sent_starts=sent_starts)
    return start_document(doc, Article(id="t", text=doc.text, published=published))


def mention(doc: Doc, i: int, j: int, kind: str = "name") -> Mention:
    span = doc[i:j]
    return Mention(span.start_char, span.end_char, i, j, kind)


def nation(doc: Doc, country: Country, *mentions: Mention, entity_id: str = "e1") -> Entity:
    return Entity(entity_id, country.name, "GPE", list(mentions), country=country.code, nation=country)


# ---- entities: grouping -----------------------------------------------------------


def test_grouping_name_parts_include_the_known_forms():
    known = NamedActor("Vladimir Putin", PERSON, forms={"Vladimir Putin", "V. V. Putin"})
    entity = Entity("e1", "Vladimir Putin", "PERSON", known=known)
    assert name_parts(entity) == {"Vladimir", "Putin", "V."}
    assert name_parts(Entity("e2", "Tom Odinga", "PERSON")) == {"Tom", "Odinga"}


@pytest.mark.parametrize("name,words,same", [
    ("Vladimir Putin", ["Vladimir", "Vladimirovich", "Putin"], True),
    ("Vladimir Vladimirovich Putin", ["Vladimir", "Putin"], True),
    ("Vladimir Putin", ["Putin"], True),
    ("Vladimir Putin", ["Sergei", "Putin"], False),  # neither name contains the other
    ("Vladimir Putin", ["Vladimir", "Ivanov"], False),  # another surname
])
def test_grouping_same_person_when_one_name_contains_the_other(name, words, same):
    assert same_person(Entity("e1", name, "PERSON"), words, None) is same


def test_grouping_same_person_two_known_actors_by_identity_alone():
    first = NamedActor("Ali Khan", PERSON)
    second = NamedActor("Ali Khan", PERSON)
    assert same_person(Entity("e1", "Ali Khan", "PERSON", known=first), ["Ali", "Khan"], first)
    assert not same_person(Entity("e1", "Ali Khan", "PERSON", known=first), ["Ali", "Khan"], second)


def test_grouping_finish_numbers_entities_by_first_mention(knowledge):
    doc = make_doc("Kyiv and Moscow and Manila .")
    grouper = EntityGrouper(doc, SimpleNamespace(knowledge=knowledge))
    later = grouper.entity_for(("place", "manila"), "Manila", "GPE")
    later.add(mention(doc, 4, 5))
    earlier = grouper.entity_for(("place", "kyiv"), "Kyiv", "GPE")
    earlier.add(mention(doc, 0, 1))
    grouper.entity_for(("place", "moscow"), "Moscow", "GPE")  # never mentioned: dropped
    assert grouper.entity_for(("place", "kyiv"), "Kyiv", "GPE") is earlier
    assert [(e.id, e.name) for e in grouper.finish()] == [("e1", "Kyiv"), ("e2", "Manila")]


def test_grouping_surname_joins_the_full_name_before_it(knowledge):
    doc = make_doc("Tom Odinga spoke . Odinga left .", pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"])
    grouper = EntityGrouper(doc, SimpleNamespace(knowledge=knowledge))
    grouper.add_candidate(Candidate(0, 2, "PERSON"))
    grouper.add_candidate(Candidate(4, 5, "PERSON"))
    grouper.link_people()
    [entity] = grouper.finish()
    assert entity.name == "Tom Odinga"
    assert [(m.i, m.j) for m in entity.mentions] == [(0, 2), (4, 5)]


def test_grouping_surname_alone_is_the_office_holder_of_that_name(knowledge):
    doc = make_doc("Putin spoke .")
    grouper = EntityGrouper(doc, SimpleNamespace(knowledge=knowledge))
    grouper.add_candidate(Candidate(0, 1, "PERSON"))
    grouper.link_people()
    [entity] = grouper.finish()
    assert (entity.name, entity.known) == ("Vladimir Putin", knowledge.actors.lookup("Vladimir Putin")[0])


def test_grouping_title_before_a_name_joins_the_mention(knowledge):
    doc = make_doc("Deputy Foreign Minister Sergei Ryabkov said")
    grouper = EntityGrouper(doc, SimpleNamespace(knowledge=knowledge))
    grouper.add_candidate(Candidate(3, 5, "PERSON"))
    grouper.link_people()
    [entity] = grouper.finish()
    assert (entity.name, entity.title) == ("Sergei Ryabkov", "Deputy Foreign Minister")
    assert (entity.mentions[0].i, entity.mentions[0].j) == (0, 5)
    assert entity.title_span.text(doc.text) == "Deputy Foreign Minister"


def test_grouping_country_forms_are_one_entity_and_a_capital_subject_its_government(knowledge):
    doc = make_doc("Moscow says Russians and Russia agree", heads=[1, 1, 1, 2, 2, 1],
                   deps=["nsubj", "ROOT", "dobj", "cc", "conj", "ccomp"])
    grouper = EntityGrouper(doc, SimpleNamespace(knowledge=knowledge))
    for i in (0, 2, 4):
        grouper.add_candidate(Candidate(i, i + 1, "GPE"))
    [russia] = grouper.finish()
    assert russia.nation is RUSSIA
    assert [m.kind for m in russia.mentions] == ["metonym", "demonym", "name"]


# ---- entities: titles, candidates, claims and place cues ----------------------------


def test_titles_title_chain_reads_back_from_the_name(knowledge):
    doc = make_doc("Deputy Foreign Minister Sergei Ryabkov said")
    assert title_chain(doc, 3, knowledge) == (0, "Deputy Foreign Minister")
    assert title_chain(doc, 4, knowledge) == (4, None)  # "Sergei" is no title
    lower = make_doc("said foreign minister Sergei Ryabkov")
    assert title_chain(lower, 3, knowledge) == (1, "Foreign Minister")


def test_titles_title_chain_stops_at_the_sentence_start(knowledge):
    doc = make_doc("the minister . Sergei Ryabkov said")
    assert title_chain(doc, 3, knowledge) == (3, None)


def test_candidates_split_at_spaced_dashes_only():
    spaced = Doc(VOCAB, words=["Central", "Africa", "-", "Nigeria"], spaces=[True, True, True, False])
    assert _split_at_dashes(spaced, 0, 4) == [(0, 2), (3, 4)]
    joined = Doc(VOCAB, words=["Guinea", "-", "Bissau"], spaces=[False, False, False])
    assert _split_at_dashes(joined, 0, 3) == [(0, 3)]


def test_claims_the_latest_claim_holds_a_token():
    claims = Claims()
    first = Candidate(0, 2, "ORG")
    second = Candidate(1, 3, "GPE")
    claims.take(first)
    claims.take(second)
    assert claims.taken == [first, second]
    assert [claims.owner[k] for k in range(3)] == [first, second, second]
    first.j = 3
    claims.hold(first)
    assert [claims.owner[k] for k in range(3)] == [first, first, first]


def test_claims_label_for_known_names(knowledge):
    resources = SimpleNamespace(knowledge=knowledge)
    assert label_for("Russia", COUNTRY, resources) == "GPE"
    assert label_for("Russian", COUNTRY, resources) == "NORP"
    assert label_for("Russians", COUNTRY, resources) == "NORP"
    assert label_for("Vladimir Putin", ACTOR, resources) == "PERSON"
    assert label_for("NATO", ACTOR, resources) == "ORG"


@pytest.mark.parametrize("text,pos,span,says", [
    ("fighting in Torun .", ["NOUN", "ADP", "PROPN", "PUNCT"], (2, 3), True),
    ("fighting in the Sahel .", ["NOUN", "ADP", "DET", "PROPN", "PUNCT"], (3, 4), True),
    ("the Masvingo province", ["DET", "PROPN", "NOUN"], (1, 2), True),
    ("the mayor of Dhule", ["DET", "NOUN", "ADP", "PROPN"], (3, 4), True),
    ("Torun said", ["PROPN", "VERB"], (0, 1), False),
    ("the Torun model", ["DET", "PROPN", "NOUN"], (1, 2), False),
])
def test_place_names_cues_say_a_place_is_meant(text, pos, span, says):
    cues = PlaceCues(make_doc(text, pos=pos), {}, _lexicon_only())
    assert cues.says_place(*span) is says


def _lexicon_only() -> SimpleNamespace:
    """Resources whose knowledge has the real lexicon.toml word lists (the place cues' words)."""
    raw = tomllib.loads((Path(eventwire.knowledge.__file__).parent.parent / "data" / "lexicon.toml").read_text("utf-8"))
    lexicon = {section: {name: frozenset(words) for name, words in lists.items() if isinstance(words, list)}
               for section, lists in raw.items() if isinstance(lists, dict)}
    return SimpleNamespace(knowledge=SimpleNamespace(words=lambda section, name: lexicon.get(section, {}).get(name, frozenset())))


def test_place_names_a_list_with_a_place_is_a_place():
    resources = _lexicon_only()
    doc = make_doc("Migori , Homa and Kisumu", pos=["PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN"])
    cues = PlaceCues(doc, {0: Candidate(0, 1, "GPE")}, resources)
    assert cues.says_place(2, 3)  # ", Homa" after a place
    assert not PlaceCues(doc, {0: Candidate(0, 1, "ORG")}, resources).says_place(2, 3)


# ---- actors: modifiers --------------------------------------------------------------


def test_modifiers_a_backer_is_not_the_country(knowledge):
    doc = make_doc("Russia - backed separatists attacked . Ukraine protested .")
    entities = [nation(doc, RUSSIA, mention(doc, 0, 1)), nation(doc, UKRAINE, mention(doc, 6, 7), entity_id="e2")]
    doc._.layers.entities = entities
    reader = PhraseReader(doc, knowledge, entities)
    assert reader.modifier_country(0, 3) == (None, None, "RUS")
    # no other country in the sentence: the article's most mentioned one is the home
    assert reader.home_country(doc[3], "RUS") == ("UKR", CharSpan(doc[6].idx, doc[6].idx + len("Ukraine")))


def test_modifiers_country_and_sector_among_the_modifiers(knowledge):
    doc = make_doc("Russian military troops attacked")
    entities = [nation(doc, RUSSIA, mention(doc, 0, 1, "adjective"))]
    doc._.layers.entities = entities
    reader = PhraseReader(doc, knowledge, entities)
    assert reader.modifier_country(0, 2) == ("RUS", CharSpan(0, 7), None)
    term, span = reader.modifier_sectors(0, 2)
    assert (term.term, span) == ("military", CharSpan(8, 16))
    assert reader.agent_term(doc[2])[0].term == "troops"


def test_modifiers_country_written_before_a_title(knowledge):
    doc = make_doc("Russia 's President Ivanov said . Ukraine agreed")
    entities = [nation(doc, RUSSIA, mention(doc, 0, 1)), nation(doc, UKRAINE, mention(doc, 6, 7), entity_id="e2")]
    doc._.layers.entities = entities
    reader = PhraseReader(doc, knowledge, entities)
    assert reader.country_before(2) == ("RUS", CharSpan(0, 6))
    assert reader.country_before(3) is None  # "President" is no country
    assert reader.agent_term(doc[2])[2] == "President"


# ---- actors: entity coding and offices -----------------------------------------------


def test_entity_coding_describe_says_who_what_where_when(knowledge):
    putin = knowledge.actors.lookup("Vladimir Putin")[0]
    assert describe(coding_at(putin, PUBLISHED)) == (
        "Vladimir Putin: President (RUS), 2012-05-07 to now; current")
    retired = NamedActor("Ann Example", PERSON, codings=[
        Coding(None, ("LEG",), None, date(2001, 1, 1), "persons/x.tsv:1")])
    # the coding's own sectors, not the ELI a former office holder is coded as
    assert describe(coding_at(retired, PUBLISHED)) == "Ann Example: LEG (no country), … to 2001-01-01; former"


def test_entity_coding_title_sectors_from_the_longest_ending_term(knowledge):
    coder = EntityCoder(PhraseReader(make_doc("x"), knowledge, []), PUBLISHED)
    term, title = coder.title_sectors("Deputy Foreign Minister")
    assert (term.term, term.sectors, title) == ("foreign minister", ("GOV",), "Deputy Foreign Minister")
    assert coder.title_sectors("Chairman") is None
    assert coder.title_sectors(None) is None


def test_entity_coding_organisation_from_the_words_of_its_name(knowledge):
    doc = make_doc("Philippine Department of Agriculture said")
    agency = Entity("e1", "Philippine Department of Agriculture", "ORG", [mention(doc, 0, 4)])
    doc._.layers.entities = [agency]
    EntityCoder(PhraseReader(doc, knowledge, [agency]), PUBLISHED).code_entities()
    assert (agency.country, agency.sectors) == ("PHL", ["GOV"])
    assert [(e.field, e.source) for e in agency.evidence] == [("country", "text"), ("sectors", "titles.tsv:department")]


def test_entity_coding_person_text_first_then_knowledge(knowledge):
    doc = make_doc("Former Russian president Ivanov said . Vladimir Putin spoke")
    russia = nation(doc, RUSSIA, mention(doc, 1, 2, "adjective"))
    ivanov = Entity("e2", "Ivanov", "PERSON", [mention(doc, 2, 4)], title="President")
    putin = Entity("e3", "Vladimir Putin", "PERSON", [mention(doc, 6, 8)],
                   known=knowledge.actors.lookup("Vladimir Putin")[0])
    entities = [ivanov, putin, russia]
    doc._.layers.entities = entities
    EntityCoder(PhraseReader(doc, knowledge, entities), PUBLISHED).code_entities()
    assert (ivanov.country, ivanov.sectors) == ("RUS", ["ELI"])  # "former" wins over the title
    assert (putin.country, putin.sectors, putin.title) == ("RUS", ["GOV"], "President")
    assert putin.evidence[0].note.startswith("Vladimir Putin: President (RUS)")


def test_offices_a_definite_office_links_to_its_holder(knowledge):
    doc = make_doc("the president of Russia said")
    russia = nation(doc, RUSSIA, mention(doc, 3, 4))
    entities = [russia]
    doc._.layers.entities = entities
    reader = PhraseReader(doc, knowledge, entities)
    term = reader.agent_term(doc[1])
    actor = ActorMention(CharSpan(0, 23), 0, 4, 1, "RUS", ["GOV"])
    link_office(reader, actor, term, 0, PUBLISHED)
    assert actor.entity is entities[1]
    assert (actor.entity.id, actor.entity.name, actor.entity.mentions[0].kind) == ("e2", "Vladimir Putin", "description")
    assert len(entities) == 2
    # no holder without a date
    undated = ActorMention(CharSpan(0, 23), 0, 4, 1, "RUS", ["GOV"])
    link_office(reader, undated, term, 0, None)
    assert undated.entity is None


def test_offices_an_indefinite_office_is_no_one_in_particular(knowledge):
    doc = make_doc("a president of Russia said")
    entities = [nation(doc, RUSSIA, mention(doc, 3, 4))]
    doc._.layers.entities = entities
    reader = PhraseReader(doc, knowledge, entities)
    actor = ActorMention(CharSpan(0, 21), 0, 4, 1, "RUS", ["GOV"])
    link_office(reader, actor, reader.agent_term(doc[1]), 0, PUBLISHED)
    assert actor.entity is None and len(entities) == 1


# ---- actors: phrases, on a hand-built parse ------------------------------------------


def test_phrases_agent_head_takes_country_and_sector_from_its_modifiers(knowledge):
    doc = make_doc("Russian military troops attacked", pos=["ADJ", "ADJ", "NOUN", "VERB"],
                   heads=[2, 2, 3, 3], deps=["amod", "amod", "nsubj", "ROOT"])
    doc._.layers.entities = [nation(doc, RUSSIA, mention(doc, 0, 1, "adjective"))]
    entities, [actor] = code_actors(doc, SimpleNamespace(knowledge=knowledge))
    assert (actor.span.text(doc.text), actor.country, actor.sectors) == ("Russian military troops", "RUS", ["MIL"])
    assert [(e.field, e.source) for e in actor.evidence] == [("sectors", "titles.tsv:military"), ("country", "text")]
    assert entities[0].country == "RUS"  # coded in place before the phrases


def test_phrases_office_without_a_name_is_its_holder_and_a_new_entity(knowledge):
    doc = make_doc("the president of Russia said", pos=["DET", "NOUN", "ADP", "PROPN", "VERB"],
                   heads=[1, 4, 1, 2, 4], deps=["det", "nsubj", "prep", "pobj", "ROOT"])
    doc._.layers.entities = [nation(doc, RUSSIA, mention(doc, 3, 4))]
    entities, actors = code_actors(doc, SimpleNamespace(knowledge=knowledge))
    president = next(a for a in actors if a.head == 1)
    assert (president.span.text(doc.text), president.country) == ("the president of Russia", "RUS")
    assert president.entity is entities[1] and entities[1].name == "Vladimir Putin"
