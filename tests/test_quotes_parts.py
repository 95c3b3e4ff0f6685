"""The parts of the quotes stage that need no model: the frame table against the cue data,
the order frames are tried in, and the span, cue, speaker and orphan helpers on small Docs
whose parse is written by hand (spaCy's blank English tokenizer, no trained pipeline)."""

from __future__ import annotations

import ast
from pathlib import Path

import spacy
from spacy.tokens import Doc

from eventwire.document.article import CharSpan
from eventwire.document.layers import Quote
from eventwire.knowledge import DATA
from eventwire.knowledge.tables import read_table
from eventwire.nlp.quotemarks import Quoted, find_quoted
from eventwire.stages.quotes.cues import Cues, attribution
from eventwire.stages.quotes.frames import (
    FRAMES,
    Content,
    CueContext,
    Frame,
    read_content,
)
from eventwire.stages.quotes.orphans import (
    drop_nested,
    next_quote,
    previous_quote,
    reads_like_speech,
)
from eventwire.stages.quotes.spans import QuotedText
from eventwire.stages.quotes.speakers import addressee, subject_of_cue

BLANK = spacy.blank("en")
CUE_DATA = {row.get("cue"): frozenset(row.list("frames"))
            for row in read_table(DATA / "quote_cues.tsv", required=("cue", "frames"))}


def parsed(text: str, rows: list[tuple[int, str, str, str, str]]) -> Doc:
    """`text` as the blank tokenizer splits it, with one (head, dep, pos, tag, lemma) row a
    token; heads are token indices, the root heads itself."""
    tokens = BLANK(text)
    assert len(tokens) == len(rows), [t.text for t in tokens]
    heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows))
    return Doc(BLANK.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
               heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def quoted_text(doc: Doc, headline: CharSpan | None = None) -> QuotedText:
    return QuotedText(doc, find_quoted(doc.text), headline)


def at_cue(doc: Doc, cue: int) -> CueContext:
    token = doc[cue]
    return CueContext(token, subject_of_cue(token), quoted_text(doc), Cues(CUE_DATA))


# "She accused the commission of stealing votes."
ACCUSED = ("She accused the commission of stealing votes.", [
    (1, "nsubj", "PRON", "PRP", "she"), (1, "ROOT", "VERB", "VBD", "accuse"), (3, "det", "DET", "DT", "the"),
    (1, "dobj", "NOUN", "NN", "commission"), (1, "prep", "ADP", "IN", "of"), (4, "pcomp", "VERB", "VBG", "steal"),
    (5, "dobj", "NOUN", "NNS", "vote"), (1, "punct", "PUNCT", ".", ".")])
# "He said prices would rise."
SAID_CLAUSE = ("He said prices would rise.", [
    (1, "nsubj", "PRON", "PRP", "he"), (1, "ROOT", "VERB", "VBD", "say"), (4, "nsubj", "NOUN", "NNS", "price"),
    (4, "aux", "AUX", "MD", "would"), (1, "ccomp", "VERB", "VB", "rise"), (1, "punct", "PUNCT", ".", ".")])


# ---- the frame table -----------------------------------------------------------


def test_frames_table_has_every_frame_the_cue_data_names_and_no_other():
    named = set().union(*CUE_DATA.values())
    assert {frame.name for frame in FRAMES} == named


def test_frames_every_frame_the_data_header_documents_is_in_the_table():
    header = (DATA / "quote_cues.tsv").read_text(encoding="utf-8").split("\ncue\t")[0]
    # "#   clause    a complement clause ...": a frame name after three spaces (wrapped lines have more)
    documented = {line.split()[1] for line in header.splitlines() if line.startswith("#   ") and line[4] != " "}
    assert documented == {frame.name for frame in FRAMES}


def test_frames_table_keeps_the_order_the_old_chain_tried():
    assert [(frame.name, frame.read.__name__) for frame in FRAMES] == [
        ("clause", "complement_clause"), ("clause", "parenthetical"), ("clause", "clause_before_cue"),
        ("headline", "headline"), ("of", "accused_of"), ("for", "called_for"), ("infinitive", "infinitive"),
        ("object", "message_object"), ("as", "characterisation"), ("quote", "adjacent_quotation")]


def test_frames_only_the_last_frame_reads_the_marks_instead_of_the_parse():
    assert [frame.on_parse for frame in FRAMES] == [True] * (len(FRAMES) - 1) + [False]


def _stub(found: Content | None, calls: list[str], name: str):
    def read(at):
        calls.append(name)
        return found
    return read


def test_frames_read_content_takes_the_first_frame_with_words_among_the_cue_frames():
    calls: list[str] = []
    table = (Frame("clause", _stub(None, calls, "a")), Frame("of", _stub(Content([CharSpan(0, 3)], "b"), calls, "b")),
             Frame("for", _stub(Content([CharSpan(4, 9)], "c"), calls, "c")),
             Frame("object", _stub(Content([CharSpan(0, 1)], "d"), calls, "d")))
    content = read_content(None, frozenset({"clause", "for", "object"}), table)
    assert content == Content([CharSpan(4, 9)], "c")
    assert calls == ["a", "c"]


def test_frames_read_content_after_a_construction_without_words_tries_only_the_quotation():
    calls: list[str] = []
    table = (Frame("clause", _stub(Content([], "a"), calls, "a")),
             Frame("object", _stub(Content([CharSpan(0, 3)], "b"), calls, "b")),
             Frame("quote", _stub(Content([CharSpan(5, 9)], "q"), calls, "q"), on_parse=False))
    frames = frozenset({"clause", "object", "quote"})
    assert read_content(None, frames, table) == Content([CharSpan(5, 9)], "q")
    assert calls == ["a", "q"]
    assert read_content(None, frozenset({"clause", "object"}), table) is None


def test_frames_accused_of_names_the_accused_and_what_of():
    doc = parsed(*ACCUSED)
    content = read_content(at_cue(doc, 1), CUE_DATA["accuse"])
    assert content is not None and content.how == "accused ... of"
    assert [p.text(doc.text) for p in content.parts] == ["the commission of stealing votes"]


def test_frames_complement_clause_after_the_cue():
    doc = parsed(*SAID_CLAUSE)
    content = read_content(at_cue(doc, 1), CUE_DATA["say"])
    assert content == Content([CharSpan(8, 25)], "cue, then clause")
    assert content.parts[0].text(doc.text) == "prices would rise"


def test_frames_an_object_that_names_nothing_said_is_no_content():
    doc = parsed("They denied it.", [
        (1, "nsubj", "PRON", "PRP", "they"), (1, "ROOT", "VERB", "VBD", "deny"), (1, "dobj", "PRON", "PRP", "it"),
        (1, "punct", "PUNCT", ".", ".")])
    assert read_content(at_cue(doc, 1), CUE_DATA["deny"]) is None


def test_frames_adjacent_quotation_when_the_parse_gives_nothing():
    doc = parsed('She said: "We will not leave."', [
        (1, "nsubj", "PRON", "PRP", "she"), (1, "ROOT", "VERB", "VBD", "say"), (1, "punct", "PUNCT", ":", ":"),
        (1, "punct", "PUNCT", "``", '"'), (7, "nsubj", "PRON", "PRP", "we"), (7, "aux", "AUX", "MD", "will"),
        (7, "neg", "PART", "RB", "not"), (1, "dep", "VERB", "VB", "leave"), (1, "punct", "PUNCT", ".", "."),
        (1, "punct", "PUNCT", "''", '"')])
    content = read_content(at_cue(doc, 1), CUE_DATA["say"])
    assert content is not None and content.how == "adjacent quotation"
    assert content.parts[0].text(doc.text) == '"We will not leave."'


# ---- spans ---------------------------------------------------------------------


def test_spans_char_span_trims_punctuation_but_keeps_quotation_marks():
    doc = BLANK('He said, "Go home." Then left.')
    quoted = quoted_text(doc)
    assert quoted.char_span(2, 8).text(doc.text) == '"Go home."'  # from the comma to the closing mark
    assert quoted.char_span(2, 3) is None  # a comma alone is no content


def test_spans_snap_stretches_a_span_over_the_quotation_it_cuts():
    doc = BLANK('He called it "a total disgrace" today.')
    quoted = quoted_text(doc)
    start = doc.text.index("total")
    assert quoted.snap(CharSpan(start, start + 5)) == CharSpan(doc.text.index('"'), doc.text.rindex('"') + 1)
    assert quoted.snap(CharSpan(0, 2)) == CharSpan(0, 2)


def test_spans_in_region_and_region_overlapping():
    doc = BLANK('They said "no" twice.')
    quoted = quoted_text(doc)
    mark = doc.text.index('"')
    assert quoted.in_region(mark + 1) and not quoted.in_region(0)
    assert quoted.region_overlapping(CharSpan(0, mark + 1)) == quoted.regions[0]
    assert quoted.region_overlapping(CharSpan(0, mark)) is None


def test_spans_merge_parts_joins_parts_with_only_white_space_between():
    doc = BLANK("One two.\n\nThree four, five.")
    quoted = quoted_text(doc)
    parts = [CharSpan(10, 20), CharSpan(0, 8), CharSpan(22, 26)]
    assert quoted.merge_parts(parts) == [CharSpan(0, 20), CharSpan(22, 26)]


def test_spans_kind_counts_words_inside_the_marks():
    doc = BLANK('He said "we will win" and they would.')
    quoted = quoted_text(doc)
    region = quoted.regions[0]
    assert quoted.kind([CharSpan(region.start, region.end)]) == "direct"
    assert quoted.kind([CharSpan(region.start, len(doc.text))]) == "mixed"
    assert quoted.kind([CharSpan(region.end + 1, len(doc.text))]) == "indirect"


def test_spans_in_headline_only_between_the_headline_bounds():
    doc = BLANK("Minister says talks failed\n\nThe minister said talks failed.")
    quoted = quoted_text(doc, headline=CharSpan(0, 26))
    assert quoted.in_headline(doc[1]) and not quoted.in_headline(doc[-2])
    assert QuotedText(doc, [], None).in_headline(doc[1]) is False


# ---- cues and speakers ---------------------------------------------------------


def test_cues_a_phrase_comes_before_its_first_verb():
    doc = parsed("They called for calm.", [
        (1, "nsubj", "PRON", "PRP", "they"), (1, "ROOT", "VERB", "VBD", "call"), (1, "prep", "ADP", "IN", "for"),
        (2, "pobj", "NOUN", "NN", "calm"), (1, "punct", "PUNCT", ".", ".")])
    name, frames, span = Cues(CUE_DATA).cue_at(doc[1])
    assert name == "call for" and frames == CUE_DATA["call for"]
    assert span.text(doc.text) == "called for"


def test_cues_a_participle_modifying_a_noun_is_no_cue():
    doc = parsed("the reported attack", [
        (2, "det", "DET", "DT", "the"), (2, "amod", "VERB", "VBN", "report"), (2, "ROOT", "NOUN", "NN", "attack")])
    assert Cues(CUE_DATA).cue_at(doc[1]) is None


def test_cues_according_alone_is_no_cue():
    doc = parsed("according to them", [
        (0, "ROOT", "VERB", "VBG", "accord"), (0, "prep", "ADP", "IN", "to"), (1, "pobj", "PRON", "PRP", "they")])
    cues = Cues(CUE_DATA)
    assert cues.cue_at(doc[0])[0] == "according to"
    assert cues.cue_at(doc[1]) is None and "say" in cues and "according" not in cues


def test_cues_attribution_takes_adverbs_next_to_the_cue():
    doc = parsed("Zelensky also said", [
        (2, "nsubj", "PROPN", "NNP", "Zelensky"), (2, "advmod", "ADV", "RB", "also"),
        (2, "ROOT", "VERB", "VBD", "say")])
    assert attribution(doc[2], doc[0]) == (0, 2)
    assert attribution(doc[2], None) == (1, 2)


def test_speakers_a_passive_subject_is_the_addressee_not_the_speaker():
    doc = parsed("She was told to leave.", [
        (2, "nsubjpass", "PRON", "PRP", "she"), (2, "auxpass", "AUX", "VBD", "be"), (2, "ROOT", "VERB", "VBN", "tell"),
        (4, "aux", "PART", "TO", "to"), (2, "xcomp", "VERB", "VB", "leave"), (2, "punct", "PUNCT", ".", ".")])
    assert subject_of_cue(doc[2]) is None


def test_speakers_subject_and_addressee_of_told():
    doc = parsed("The mayor told thousands of supporters.", [
        (1, "det", "DET", "DT", "the"), (2, "nsubj", "NOUN", "NN", "mayor"), (2, "ROOT", "VERB", "VBD", "tell"),
        (2, "dobj", "NOUN", "NNS", "thousand"), (3, "prep", "ADP", "IN", "of"), (4, "pobj", "NOUN", "NNS", "supporter"),
        (2, "punct", "PUNCT", ".", ".")])
    assert subject_of_cue(doc[2]).i == 1
    assert addressee(doc[2]).text(doc.text) == "thousands of supporters"
    assert addressee(parsed(*SAID_CLAUSE)[1]) is None


# ---- quotations without a cue --------------------------------------------------


def test_orphans_drop_nested_keeps_the_outer_quote_and_the_first_of_duplicates():
    outer = Quote(kind="", parts=[CharSpan(0, 50)], cue=CharSpan(60, 64))
    inner = Quote(kind="", parts=[CharSpan(20, 40)], cue=CharSpan(10, 14))
    twin = Quote(kind="", parts=[CharSpan(0, 50)], cue=CharSpan(70, 74))
    assert drop_nested([outer, inner, twin]) == [outer]


def test_orphans_reads_like_speech_needs_four_words_and_a_verb():
    doc = parsed('"We will not leave"', [
        (4, "punct", "PUNCT", "``", '"'), (4, "nsubj", "PRON", "PRP", "we"), (4, "aux", "AUX", "MD", "will"),
        (4, "neg", "PART", "RB", "not"), (4, "ROOT", "VERB", "VB", "leave"), (4, "punct", "PUNCT", "''", '"')])
    quoted = quoted_text(doc)
    assert reads_like_speech(quoted.regions[0], quoted)
    doc = parsed('"a total disgrace"', [
        (3, "punct", "PUNCT", "``", '"'), (3, "det", "DET", "DT", "a"), (3, "amod", "ADJ", "JJ", "total"),
        (3, "ROOT", "NOUN", "NN", "disgrace"), (3, "punct", "PUNCT", "''", '"')])
    quoted = quoted_text(doc)
    assert not reads_like_speech(quoted.regions[0], quoted)


def test_orphans_previous_and_next_quote_across_the_attribution_only():
    text = '"We will stay," she said, "and we will fight."'
    doc = BLANK(text)
    quoted = quoted_text(doc)
    first, second = quoted.regions
    cue = CharSpan(text.index("said"), text.index("said") + 4)
    speaker = CharSpan(text.index("she"), text.index("she") + 3)
    before = Quote(kind="", parts=[CharSpan(first.start, first.end)], cue=cue, speaker=speaker)
    assert previous_quote([before], second, quoted) is before
    after = Quote(kind="", parts=[CharSpan(second.start, second.end)], cue=cue, speaker=speaker)
    assert next_quote([after], first, quoted) is after
    stray = Quoted(0, 1, 1, 0)
    assert next_quote([], stray, quoted) is None and previous_quote([], second, quoted) is None


# ---- the package ---------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "stages" / "quotes"
BOTTOM_UP = ["spans", "speakers", "cues", "frames", "orphans", "finder", "__init__"]
OUTSIDE = {"document", "nlp", "knowledge", "errors", "settings"}  # from the eventwire package


def _relative_imports(module: str) -> list[tuple[int, str]]:
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    return [(node.level, node.module or "") for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level > 0]


def test_package_modules_import_only_modules_below_them_and_no_other_stage():
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(BOTTOM_UP)
    for n, module in enumerate(BOTTOM_UP):
        for level, name in _relative_imports(module):
            top = name.split(".")[0]
            if level == 1:
                assert top in BOTTOM_UP[:n], f"{module} imports .{name}, not below it"
            elif level == 2:
                assert name == "base", f"{module} imports another stage: ..{name}"
            else:
                assert level == 3 and top in OUTSIDE, f"{module} imports {'.' * level}{name}"
