"""Which language an article is in (py3langid, offline): eventwire reads English, and an article
in another language would be turned into junk, so callers refuse or flag it."""

from __future__ import annotations

import threading

ENGLISH = "en"
# Short texts are guessed badly ("Kenya and Uganda held talks." reads as Ganda): below this
# length, or below this probability, an article is taken to be English.
MIN_CHARS = 100
MIN_PROBABILITY = 0.95


_loaded = []
_loading = threading.Lock()  # a caller that comes while `preload` loads waits for it, not loads again


def _identifier():
    with _loading:
        if not _loaded:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _loaded.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    return _loaded[0]


def preload() -> None:
    """Load the language model now (0.8 s), e.g. in a thread while spaCy loads."""
    _identifier()


def language_of(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the text's language."""
    code, probability = _identifier().classify(text)
    return code, float(probability)


def foreign_language(text: str) -> tuple[str, float] | None:
    """(code, probability) when the text is clearly not English; None otherwise."""
    if len(text) < MIN_CHARS:
        return None
    code, probability = language_of(text)
    if code != ENGLISH and probability >= MIN_PROBABILITY:
        return code, probability
    return None
