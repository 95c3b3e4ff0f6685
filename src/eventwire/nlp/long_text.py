"""Parsing texts of any length in time and memory that grow linearly with them.

spaCy's parser holds a whole document's activations at once: a 1,000,000-character article
needed over 3 GB. A text longer than LONG_TEXT characters is parsed in pieces that end at a line
break (the paragraph component starts a sentence after every line break anyway), and the pieces
are joined into one Doc whose text and character offsets are exactly the article's. Shorter texts
are parsed whole, as before.
"""

from __future__ import annotations

from typing import Iterator

from spacy.language import Language
from spacy.tokens import Doc

LONG_TEXT = 100_000  # characters; news articles are 2,000-50,000
PIECE = 50_000  # characters a piece holds at most, unless one paragraph is longer


def parse(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    """Docs for `texts`, in order, short texts batched with nlp.pipe."""
    short = (text for text in texts if len(text) <= LONG_TEXT)
    docs = nlp.pipe(short, batch_size=batch_size)
    for text in texts:
        yield next(docs) if len(text) <= LONG_TEXT else parse_long(nlp, text)


def pieces(text: str, size: int = PIECE) -> list[str]:
    """`text` cut after line breaks into pieces of at most `size` characters where it can be;
    joined they are `text` again."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        if cut < 0:  # one paragraph longer than a piece: cut after its end
            cut = text.find("\n", start + size)
            if cut < 0:
                break
        out.append(text[start:cut + 1])
        start = cut + 1
    out.append(text[start:])
    return [piece for piece in out if piece]


def parse_long(nlp: Language, text: str) -> Doc:
    # One piece at a time: the parser's memory is that of one piece, whatever the length.
    parts = [nlp(piece) for piece in pieces(text)]
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    # Token ranges the components kept per piece move with the piece.
    offset = 0
    datelines = []
    for part in parts:
        datelines += [(start + offset, end + offset) for start, end in part.user_data.get("eventwire.datelines", [])]
        offset += len(part)
    doc.user_data = {key: value for key, value in doc.user_data.items() if key != "eventwire.datelines"}
    if datelines:
        doc.user_data["eventwire.datelines"] = datelines
    return doc

