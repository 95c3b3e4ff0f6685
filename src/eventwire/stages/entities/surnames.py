"""A person named in full is named again by surname alone, and NER often misses the surname
("Chakwera and Zambian President Hichilema signed ...", a sentence that starts with it). Such a
surname is a mention of that person: the person's country and sector then follow the actor into
every event and quote."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.tokens import Doc

from ...document.layers import Entity, Mention


def add_repeated_surnames(doc: Doc, entities: list[Entity]) -> None:
    by_surname: dict[str, list[Entity]] = {}
    for entity in entities:
        words = entity.name.split()
        if entity.type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            by_surname.setdefault(words[-1], []).append(entity)
    # One person per surname: two Bhuttos in a story leave "Bhutto" alone.
    surnames = {word: people[0] for word, people in by_surname.items() if len(people) == 1}
    if not surnames:
        return
    covered = {k for entity in entities for m in entity.mentions for k in range(m.i, m.j)}
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist()
    for i, orth in enumerate(orths):
        text = strings[orth]
        if text not in surnames or i in covered:
            continue
        entity = surnames[text]
        token = doc[i]
        if token.idx < min(m.start for m in entity.mentions):
            continue  # only once the full name has said who it is
        if _in_longer_name(doc, i):
            continue  # "the Bardella Foundation", "Rose Bardella"
        entity.add(Mention(token.idx, token.idx + len(text), i, i + 1, "name"))


def _in_longer_name(doc: Doc, i: int) -> bool:
    after = doc[i + 1] if i + 1 < len(doc) else None
    before = doc[i - 1] if i > 0 else None
    if after is not None and after.is_title and after.pos_ == "PROPN":
        return True
    return before is not None and not doc[i].is_sent_start and before.is_title and before.pos_ == "PROPN"
