"""Who said what: direct, mixed and indirect quotes with resolved speakers.

A quote is found from its cue — a verb or phrase of attribution in data/quote_cues.tsv —
and the frame the cue takes there: a complement clause ("said (that) ...", "..., she
said", "X, he said, Y"), an adjacent quotation ('said: "..."', '"...," said X'), an
object ("emphasized the need for ..."), "accused X of ...", "called for ...", "according
to X, ...", or headlinese ("Zelensky says seeking peace"). Quotation marks are paired
by nlp/quotemarks.py; a quoted stretch no cue claims is still a quote when it reads like
speech (a clause of four words or more): it continues the quote before it ('"A," she
said. "B."', or a paragraph that runs on), or takes its speaker from the subject of the
sentence before or after it, or has no speaker. Short quoted phrases on their own —
scare quotes, titles, nicknames — are not quotes.

kind: "direct" when every word of the content is inside quotation marks, "mixed" when
some are, "indirect" when none are. The speaker is the mention in the text (a name, a
pronoun, a description); its entity comes from the entity layer (pronouns included)
and its code from the actor layer.

The analyzer calls `add_quotes`; `find_quotes` returns the layer so it can be tested alone.
The package, bottom-up: spans (the quotation marks) <- speakers <- cues <- frames, orphans
<- finder.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...document.layers import Quote
from ..base import Resources
from .finder import QuoteFinder


def add_quotes(doc: Doc, resources: Resources) -> None:
    doc._.layers.quotes = find_quotes(doc, resources)


def find_quotes(doc: Doc, resources: Resources) -> list[Quote]:
    return QuoteFinder(doc, resources).find()
