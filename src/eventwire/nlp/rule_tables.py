"""spaCy's attribute ruler and English rule lemmatizer, run as table look-ups with the same result.

Both components are rules, not models, yet in en_core_web_sm they cost a quarter of the parse:
the attribute ruler runs a Matcher of ~180 one- and two-token patterns over every token, and the
lemmatizer makes a Python Token for every token. Here the rules a token matches are worked out
once per distinct token (its tag, lower-case form, dependency...) and looked up after that, and the
lemmatizer's own cache is read by (ORTH, POS) before any Token is made. The annotations are the
ones spaCy's components give, token for token (tests/test_rule_tables.py compares them on the
bundled texts); a pattern or a lemmatizer this module does not know keeps spaCy's own component.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc

# Token attributes a pattern may test, as the Matcher reads them, and the ones a rule may set.
_TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE, "ORTH": ORTH, "POS": POS}
_TESTED_IDS = tuple(_TESTED.values())
_SET = (POS, TAG, MORPH, LEMMA, DEP)
_MEMO_LIMIT = 200_000  # distinct tokens remembered; past it the memo starts again

# A token's tested attributes, in _TESTED order, and the string store to read LOWER from.
TokenTest = Callable[[tuple[int, ...], Any], bool]


class UnknownRule(Exception):
    """A pattern this module cannot run exactly as the Matcher does."""


class AttributeTable:
    """An AttributeRuler's rules, applied with one dictionary look-up per token.

    Like the ruler, every rule is matched against the Doc as it arrives, then the rules' attributes
    are written in the order the rules were added, so a later rule overrides an earlier one. Which
    one-token patterns a token matches depends only on its tested attributes, so it is worked out
    once per distinct token and remembered; a pattern of several tokens is checked where its first
    token matches.
    """

    def __init__(self, ruler: Any):
        strings = ruler.vocab.strings
        self.attrs: list[dict[int, int]] = []
        self.specs: list[TokenTest] = []  # every token pattern of every rule
        # One-token patterns (rule, spec), filed under an attribute value they require, if any.
        self.single: dict[tuple[int, int] | None, list[tuple[int, int]]] = {}
        self.multi: list[tuple[int, list[int], int]] = []  # (rule, specs, position set)
        for rule, attrs in enumerate(ruler.attrs):
            if any(attr not in _SET for attr in attrs):
                raise UnknownRule(f"rule {rule} sets {sorted(attrs)}")
            self.attrs.append(dict(attrs))
            index = ruler.indices[rule]
            for pattern in ruler.matcher.get(str(rule))[1]:
                ids = []
                for spec in pattern:
                    ids.append(len(self.specs))
                    test, required = _token_test(spec, strings)
                    self.specs.append(test)
                position = index if index >= 0 else len(pattern) + index
                if not 0 <= position < len(pattern):
                    raise UnknownRule(f"index {index} outside a pattern of {len(pattern)} tokens")
                if len(pattern) == 1:
                    self.single.setdefault(required, []).append((rule, ids[0]))
                else:
                    self.multi.append((rule, ids, position))
        self.memo: dict[tuple[int, ...], tuple[tuple[int, ...], frozenset[int]]] = {}

    def _matches(self, key: tuple[int, ...], strings) -> tuple[tuple[int, ...], frozenset[int]]:
        """The one-token rules a token matches, in order, and the token patterns of longer rules it
        matches."""
        found = self.memo.get(key)
        if found is None:
            candidates = [pair for column in range(len(key)) for pair in self.single.get((column, key[column]), ())]
            candidates += self.single.get(None, ())
            rules = tuple(sorted({rule for rule, spec in candidates if self.specs[spec](key, strings)}))
            specs = frozenset(spec for _, ids, _ in self.multi for spec in ids if self.specs[spec](key, strings))
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
            found = self.memo[key] = (rules, specs)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        strings = doc.vocab.strings
        keys = [tuple(row) for row in doc.to_array(list(_TESTED_IDS)).tolist()]
        matched = [self._matches(key, strings) for key in keys]
        rules_at = [list(rules) for rules, _ in matched]
        starts = [i for i, (_, specs) in enumerate(matched) if specs]  # few tokens: "gon", "let"...
        for rule, ids, position in self.multi:
            for start in starts:
                if start + len(ids) <= n and all(
                        spec in matched[start + offset][1] for offset, spec in enumerate(ids)):
                    rules_at[start + position].append(rule)
        columns = doc.to_array(list(_SET))
        changed = numpy.zeros(len(_SET), dtype=bool)
        for i, rules in enumerate(rules_at):
            # Rules in the order they were added: a later one overrides.
            for rule in sorted(set(rules)) if len(rules) > 1 else rules:
                for attr, value in self.attrs[rule].items():
                    column = _SET.index(attr)
                    columns[i, column] = value
                    changed[column] = True
        if changed.any():
            order = [attr for attr, was in zip(_SET, changed) if was]
            doc.from_array(order, columns[:, changed])
        return doc


def _token_test(spec: dict, strings) -> tuple[TokenTest, tuple[int, int] | None]:
    """One token's pattern, as a test of the token's attributes (in _TESTED order), and one
    (column, value) the pattern requires, if it requires any, to file it under."""
    tests = []
    required = None
    for name, wanted in spec.items():
        name = name.upper()
        if name not in _TESTED:
            raise UnknownRule(f"attribute {name}")
        column = _TESTED_IDS.index(_TESTED[name])
        if isinstance(wanted, bool):
            tests.append(_equals(column, int(wanted)))
        elif isinstance(wanted, str):
            tests.append(_equals(column, strings.add(wanted)))
            required = (column, strings.add(wanted))
        elif isinstance(wanted, dict) and len(wanted) == 1:
            (operator, operand), = wanted.items()
            if operator in ("IN", "NOT_IN") and all(isinstance(v, str) for v in operand):
                tests.append(_member(column, {strings.add(v) for v in operand}, operator == "NOT_IN"))
            elif operator == "REGEX" and name == "LOWER":
                tests.append(_lower_regex(column, re.compile(operand)))
            else:
                raise UnknownRule(f"{name}: {wanted}")
        else:
            raise UnknownRule(f"{name}: {wanted}")
    return (lambda key, strings: all(test(key, strings) for test in tests)), required


def _equals(column: int, value: int) -> TokenTest:
    return lambda key, strings: key[column] == value


def _member(column: int, values: set[int], negate: bool) -> TokenTest:
    return lambda key, strings: (key[column] in values) != negate


def _lower_regex(column: int, pattern: re.Pattern) -> TokenTest:
    # The Matcher searches the lower-case text (re.search), so must this.
    return lambda key, strings: pattern.search(strings[key[column]]) is not None


class LemmaTable:
    """spaCy's English rule lemmatizer, reading its own cache before making a Token.

    The lemmatizer caches lemmas by (ORTH, POS, MORPH), but not the ones it answers before its
    rules: the lower-case text of a base form (EnglishLemmatizer.is_base_form, a question of POS
    and morphology only), and for a part of speech it has no tables for, the text (PROPN) or its
    lower case. Those are worked out here from the same facts, memoised by (POS, MORPH). A token
    whose lemma another rule set (lemma != 0) keeps it, as in spaCy.
    """

    def __init__(self, lemmatizer: Any):
        if type(lemmatizer) is not EnglishLemmatizer or lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise UnknownRule(f"lemmatizer {type(lemmatizer).__name__} in mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}  # the cache's lemmas, as string hashes
        self.before_rules: dict[tuple[int, int], int] = {}  # (pos, morph) -> one of the answers below

    def __call__(self, doc: Doc) -> Doc:
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        if len(doc) == 0:
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA, LOWER]).tolist()
        strings = doc.vocab.strings
        cache = self.lemmatizer.cache
        lemmas = []
        for i, (orth, pos, morph, lemma, lower) in enumerate(rows):
            if lemma:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            known = self.lemmas.get(key)
            if known is None and key in cache:
                known = self.lemmas[key] = strings.add(cache[key][0])
            if known is None:
                # No part of speech: spaCy's lemmatizer answers, with its warning.
                answer = _RULES if pos == 0 else self._before_rules(pos, morph, doc, i)
                if answer == _LOWER:
                    known = lower
                elif answer == _TEXT:
                    known = orth
                else:
                    known = strings.add(self.lemmatizer.rule_lemmatize(doc[i])[0])
            lemmas.append(known)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc

    def _before_rules(self, pos: int, morph: int, doc: Doc, i: int) -> int:
        key = (pos, morph)
        if key not in self.before_rules:
            token = doc[i]
            univ_pos = token.pos_.lower()
            tables = [self.lemmatizer.lookups.get_table(name, {}).get(univ_pos)
                      for name in ("lemma_index", "lemma_exc", "lemma_rules")]
            if univ_pos in ("eol", "space") or self.lemmatizer.is_base_form(token):
                answer = _LOWER
            elif not any(tables):
                answer = _TEXT if univ_pos == "propn" else _LOWER
            else:
                answer = _RULES
            self.before_rules[key] = answer
        return self.before_rules[key]


# What the lemmatizer answers for a (POS, MORPH) before its cache and rules.
_RULES, _LOWER, _TEXT = 0, 1, 2


def use_rule_tables(nlp: Language) -> list[str]:
    """Run the pipeline's attribute ruler and lemmatizer as tables where they allow it; the names
    of the components replaced."""
    replaced = []
    for name, make in (("attribute_ruler", AttributeTable), ("lemmatizer", LemmaTable)):
        if name not in nlp.pipe_names:
            continue
        try:
            table = make(nlp.get_pipe(name))
        except UnknownRule:
            continue
        _swap(nlp, name, table)
        replaced.append(name)
    return replaced


def _swap(nlp: Language, name: str, component: Callable[[Doc], Doc]) -> None:
    # The component keeps its name and place, so pipe_names and the meta read as before.
    # (_components also holds the disabled ones, e.g. en_core_web_sm's senter.)
    position = [known for known, _ in nlp._components].index(name)
    nlp._components[position] = (name, component)
