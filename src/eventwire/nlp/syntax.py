"""Small questions about the parse that several stages ask."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
DETERMINERS = {"the", "a", "an"}
POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}


def trim(doc: Doc, i: int, j: int) -> tuple[int, int]:
    """Drop a leading article, and a trailing possessive or punctuation, from doc[i:j]."""
    while i < j and (doc[i].lower_ in DETERMINERS or doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].text in POSSESSIVE_MARKS or doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    return i, j


def phrase_start(head: Token) -> int:
    """The first token of the noun phrase headed by `head` (its left dependents)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("punct", "cc") and child.i == head.left_edge.i:
            continue
        start = min(start, child.left_edge.i)
    return start


def is_subject(token: Token) -> bool:
    """Subject of a clause, directly or as a conjunct of one ("Washington and Moscow said")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in SUBJECTS:
        return True
    # Passive agent: "controlled by Moscow"
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def governing_verb(token: Token) -> Token:
    """The verb or clause head a token belongs to."""
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: `doc.text` joins every token on each call."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        article = getattr(doc._, "article", None) if Doc.has_extension("article") else None
        text = article.text if article is not None else doc.text  # the same string, ready-made
        doc.user_data["eventwire.text"] = text
    return text


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """For each token, the (start, end) token range of its sentence — computed once per
    Doc: spaCy's Token.sent walks the document on every call."""
    cached = doc.user_data.get("eventwire.sentences")
    if cached is None:
        cached = [None] * len(doc)
        for sent in doc.sents:
            bounds = (sent.start, sent.end)
            for k in range(sent.start, sent.end):
                cached[k] = bounds
        doc.user_data["eventwire.sentences"] = cached
    return cached


def sentence_of(doc: Doc, i: int) -> Span:
    start, end = sentence_bounds(doc)[i]
    return doc[start:end]


def sentence_start(doc: Doc, i: int) -> int:
    return sentence_bounds(doc)[i][0]
