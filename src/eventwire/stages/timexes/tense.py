"""Which way an expression's clause points in time, and whether the expression is part of a name.

Functions of the parsed Doc, asked by the rules that need the sentence around a date:
a weekday, a month or a day without a year is read by the tense of the verb it belongs
to ("said Friday" is the Friday before, "will meet Friday" the Friday after).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...knowledge.timex import TimexWords

PAST, PRESENT, FUTURE = "past", "present", "future"
MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d"}
DEFERRING = {"postpone", "delay", "adjourn", "defer", "extend", "suspend", "push", "move"}
NAME_LABELS = {"ORG", "WORK_OF_ART", "PERSON", "FAC", "EVENT", "PRODUCT"}


def tokens_of(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering the characters start..end (None if they cannot be aligned)."""
    return doc.char_span(start, end, alignment_mode="expand")


def in_name(doc: Doc, start: int, end: int) -> bool:
    """Part of a name ("the Sunday Times", "Black Friday Sales Ltd")?"""
    span = tokens_of(doc, start, end)
    if span is None:
        return False
    # inside one name: every token in a name, none starting another
    if len(span) and all(t.ent_type_ in NAME_LABELS for t in span) and not any(t.ent_iob_ == "B" for t in span[1:]):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and after.is_title and after.pos_ == "PROPN" and after.ent_type_ in ("ORG", "WORK_OF_ART")


def _auxiliaries(token: Token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}


def _points_ahead(word: Token, words: TimexWords) -> bool:
    """A word that makes what follows it future: "due", "scheduled", "plans" (data/timex.toml)."""
    return word.lemma_.lower() in words.future_words or word.lower_ in words.future_words


def tense_of(doc: Doc, start: int, end: int, words: TimexWords) -> str:
    """past, future or present, from the verb the expression at start..end belongs to."""
    span = tokens_of(doc, start, end)
    if span is None:
        return PAST
    token: Token = span.root
    # climb at most four heads to the verb
    ahead = False  # "are due early Monday": an adjective on the way that points ahead
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head.i == token.i:
            break
        token = token.head
        ahead = ahead or (token.pos_ == "ADJ" and _points_ahead(token, words))
    verb_words = _auxiliaries(token) | {token.lower_}
    if ahead and token.tag_ in ("VBZ", "VBP"):
        return FUTURE
    if token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        # "will take effect ... and remain until Wednesday": the first verb's auxiliaries
        verb_words |= _auxiliaries(token.head)
    if verb_words & {"will", "'ll", "shall", "wo"}:
        return FUTURE
    if token.tag_ == "VBN" and "to" in verb_words and _points_ahead(token.head, words):
        return FUTURE  # "due to be sworn in on January 1"
    if (token.tag_ == "VB" or (token.tag_ == "VBN" and "be" in verb_words)) and verb_words & MODALS \
            and "have" not in verb_words:
        return FUTURE  # "would worsen on Tuesday", "could fall over the weekend", "would be held on Friday"
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("until", "till") and "had" not in verb_words and (
            token.tag_ not in ("VBD", "VBN") or token.lemma_ in DEFERRING):
        return FUTURE  # "postponed until Saturday", "will stay until June"
    if token.tag_ in ("VBD", "VBN"):
        # "is due to arrive", "was scheduled to meet": the future of a past plan
        if token.lemma_ in ("schedule", "set", "due", "expect", "plan") and (
                any(child.dep_ == "xcomp" for child in token.children) or verb_words & {"is", "are", "'s", "'re"}):
            return FUTURE  # ... and "is scheduled for Tuesday"
        return PAST
    if token.tag_ == "VB" and any(child.lower_ == "to" for child in token.children):
        if _points_ahead(token.head, words):
            return FUTURE
    if token.tag_ == "VBG" and any(child.lower_ in ("is", "are", "am") for child in token.children):
        return FUTURE  # "is meeting Friday"
    if token.tag_ in ("VBZ", "VBP"):
        if token.lemma_ in ("say", "tell", "add"):
            return PAST
        return PRESENT
    return PAST


BACKSHIFTED = {"would", "had", "'d"}


def reporting_verb(doc: Doc, start: int, end: int, words: TimexWords, quoted: bool = False) -> Token | None:
    """The verb of saying whose backshifted clause holds the expression at start..end:
    "said" for "Friday" in "said on Monday that the vote would be held on Friday" or in
    "the vote would be held on Friday, he said Monday". None when the clause is not
    reported, or keeps the writer's tense ("said the vote will be held on Friday") —
    unless it is `quoted`: words in quotation marks keep the speaker's tense."""
    span = tokens_of(doc, start, end)
    if span is None:
        return None
    verb: Token = span.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if not (quoted or _auxiliaries(verb) & BACKSHIFTED or verb.tag_ == "VBD"):
        return None

    def says(token: Token) -> bool:
        return token.lemma_.lower() in words.reporting_verbs and token.tag_ in ("VBD", "VBN")

    if verb.dep_ == "ccomp" and says(verb.head):
        return verb.head
    return next((child for child in verb.children if child.dep_ in ("parataxis", "ccomp") and says(child)), None)


def dated_by(verb: Token) -> list[Token]:
    """The words that date a verb: "Monday" in "said Monday" and in "said on Monday"."""
    dates = [child for child in verb.children if child.dep_ in ("npadvmod", "tmod")]
    dates += [grandchild for child in verb.children if child.dep_ == "prep"
              for grandchild in child.children if grandchild.dep_ == "pobj"]
    return dates
