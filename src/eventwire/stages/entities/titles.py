"""Which title is written right before a name ("Deputy Foreign Minister" before "Sergei")."""

from __future__ import annotations

from spacy.tokens import Doc

from ...knowledge import Knowledge
from ...knowledge.terms import MODIFIER, TITLE
from ...nlp.syntax import sentence_start


def title_chain(doc: Doc, i: int, knowledge: Knowledge) -> tuple[int, str | None]:
    """The title words written right before doc[i] ("Deputy Foreign Minister" before
    "Sergei"): returns the index where the chain starts and the title, or (i, None)."""
    terms = knowledge.terms
    prefixes = knowledge.words("titles", "prefixes")
    honorifics = knowledge.words("titles", "honorifics")
    former = knowledge.words("titles", "former")
    sent_start = sentence_start(doc, i)
    k = i
    title_end = None
    while k > sent_start:
        matched = 0
        for n in range(min(terms.longest, k - sent_start), 0, -1):
            words = " ".join(t.lower_ for t in doc[k - n:k])
            term = terms.get(words)
            if term is not None and (TITLE in term.kinds or (MODIFIER in term.kinds and title_end is not None)):
                matched = n
                break
        if matched:
            if title_end is None:
                title_end = k
            k -= matched
            continue
        if title_end is not None and (doc[k - 1].lower_ in prefixes or doc[k - 1].lower_ in former):
            k -= 1
            continue
        if title_end is None and doc[k - 1].lower_ in honorifics:
            k -= 1
            continue
        break
    if title_end is None:
        return k, None
    words = [t for t in doc[k:title_end] if t.lower_ not in former and t.lower_ not in ("then", "-", "the")]
    if not words:
        return k, None
    title = " ".join(t.text for t in words)
    if title.islower():
        title = title.title()
    return k, title
