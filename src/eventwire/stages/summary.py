"""The story in brief: an extractive summary, sentences of the article in reading order.

News puts the story first, so the lead is the strong prior (Lead-3 is hard to beat on wire
copy). Each body sentence gets a score: its place in the article, plus how much of the
story it carries — the words it shares with the headline and with the rest of the
article, the people, places and events it names — less what makes a sentence a poor
summary on its own: a bare quotation, a question, a sentence that leans on the one
before ("But he added ..."), a fragment or a run-on, a credit line. The best three that
do not repeat each other are returned in reading order. Features and analyses that open
with a scene rather than the news are where the content score moves the summary past the
first sentences.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..document.article import CharSpan
from ..document.layers import SummarySentence
from ..nlp.quotemarks import quoted_regions
from ..nlp.syntax import sentence_bounds
from .base import Resources

LENGTH = 3
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
POSITION_WEIGHT = 1.6  # how strongly the lead is preferred
REDUNDANT = 0.6  # share of content words already said that makes a sentence a repeat
LEANS_BACK = {"but", "however", "also", "still", "yet", "meanwhile", "moreover", "and", "he", "she", "it",
              "they", "this", "that", "these", "those", "his", "her", "their", "its", "such", "instead",
              "then", "so", "there"}
CREDIT_MARKS = ("reporting by", "editing by", "writing by", "additional reporting", "photo:", "©", "(c)",
                "all rights reserved", "click here", "sign up", "subscribe")


def add_summary(doc: Doc, resources: Resources) -> None:
    doc._.layers.summary = summarise(doc, resources.settings.summary_sentences)


def summarise(doc: Doc, length: int = LENGTH) -> list[SummarySentence]:
    article = doc._.article
    headline = article.headline if article is not None else None
    sentences = _body_sentences(doc, headline)
    if not sentences or length <= 0:
        return []
    quoted = _marks(len(doc), [(q.start, q.end) for q in quoted_regions(doc)], doc)
    named = _named_tokens(doc)
    stats = [_sentence_stats(sent, quoted, named) for sent in sentences]
    words = [st.words for st in stats]
    frequency = Counter(w for ws in words for w in set(ws))
    head_words = set(_content_words(doc.char_span(headline.start, headline.end, alignment_mode="expand"))) \
        if headline is not None else set()
    scored = [(_score(n, sent, st, frequency, head_words), n) for n, (sent, st) in enumerate(zip(sentences, stats))]
    chosen: list[int] = []
    said: set[str] = set()
    for score, n in sorted(scored, key=lambda pair: (-pair[0], pair[1])):
        content = set(words[n])
        if content and len(content & said) / len(content) > REDUNDANT:
            continue
        chosen.append(n)
        said |= content
        if len(chosen) == length:
            break
    return [SummarySentence(CharSpan(sentences[n].start_char, sentences[n].end_char), round(scored[n][0], 3))
            for n in sorted(chosen)]


def lead(doc: Doc, headline: CharSpan | None, length: int = LENGTH) -> list[CharSpan]:
    """The first sentences after the headline: the baseline the summary must beat."""
    return [CharSpan(s.start_char, s.end_char) for s in _body_sentences(doc, headline)[:length]]


def _body_sentences(doc: Doc, headline: CharSpan | None) -> list[Span]:
    out = []
    seen = set()
    for start, end in sentence_bounds(doc):
        if (start, end) in seen:
            continue
        seen.add((start, end))
        sent = doc[start:end]
        while len(sent) and (sent[-1].is_space):
            sent = sent[:-1]
        while len(sent) and sent[0].is_space:
            sent = sent[1:]
        if not len(sent):
            continue
        if headline is not None and sent.start_char < headline.end:
            continue
        if not any(t.is_alpha for t in sent):
            continue
        out.append(sent)
    return out


def _content_words(span: Span | None) -> list[str]:
    if span is None:
        return []
    return [t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and t.pos_ in CONTENT_POS]


def _named_tokens(doc: Doc) -> set[int]:
    named = set()
    for entity in doc._.layers.entities:
        for mention in entity.mentions:
            named.update(range(mention.i, mention.j))
    return named


def _marks(n: int, regions: list[tuple[int, int]], doc: Doc) -> set[int]:
    """Indices of the tokens inside quotation marks."""
    inside: set[int] = set()
    for start, end in regions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


@dataclass
class _Stats:
    words: list[str]
    alpha: int
    quoted: int
    named: int
    length: int
    first: str
    question: bool
    credit: bool


def _sentence_stats(sent: Span, quoted: set[int], named: set[int]) -> _Stats:
    words, alpha, inside, names = [], 0, 0, 0
    for t in sent:
        if t.is_alpha:
            alpha += 1
            if t.i in quoted:
                inside += 1
            if not t.is_stop and t.pos_ in CONTENT_POS:
                words.append(t.lemma_.lower())
        if t.i in named:
            names += 1
    text = sent.text
    lower = text.lower()
    return _Stats(words, alpha, inside, names, len(sent), sent[0].lower_, text.rstrip().endswith("?"),
                  any(mark in lower for mark in CREDIT_MARKS))


def _score(n: int, sent: Span, st: _Stats, frequency: Counter, head_words: set[str]) -> float:
    position = POSITION_WEIGHT / (1 + n) ** 0.8
    content = set(st.words)
    if content:
        centrality = sum(min(frequency[w] - 1, 3) for w in content) / (3 * len(content))
        headline = len(content & head_words) / max(len(head_words), 1)
    else:
        centrality = headline = 0.0
    names = st.named / max(st.length, 1)
    score = position + 0.8 * centrality + 0.8 * headline + 0.4 * min(names * 4, 1.0)
    if st.alpha and st.quoted / st.alpha >= 0.5:
        score -= 1.0  # a bare quotation says what someone said, not what happened
    if st.question:
        score -= 0.6
    if st.first in LEANS_BACK:
        score -= 0.35
    if st.alpha < 7:
        score -= 1.0
    elif st.alpha > 55:
        score -= 0.3
    if st.credit:
        score -= 2.0
    return score
