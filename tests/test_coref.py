"""Pronouns resolve to the entity a careful reader would pick, or to nothing."""

import pytest

pytestmark = pytest.mark.slow


def resolved(record, pronoun_text, nth=0):
    """Name of the entity the nth occurrence of the pronoun resolves to, or None."""
    text = record["text"]
    import re

    starts = [m.start() for m in re.finditer(rf"\b{pronoun_text}\b", text)]
    start = starts[nth]
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            if mention["kind"] == "pronoun" and mention["start"] == start:
                return entity["name"]
    return None


@pytest.mark.parametrize("text,pronoun,nth,expected", [
    # The subject of the previous sentence, not a name inside its clause.
    ('Russian Foreign Minister Sergei Lavrov said that President Vladimir Putin and Volodymyr Zelensky could meet. '
     '"The meeting is necessary," he said.', "he", 0, "Sergei Lavrov"),
    # The subject of the same sentence.
    ("President Emmanuel Macron said on Monday that his government would act.", "his", 0, "Emmanuel Macron"),
    # Forward to the subject after a fronted phrase.
    ("In his nightly address, Zelensky told Ukrainians that he is seeking peace.", "his", 0, "Volodymyr Zelensky"),
    ("In his nightly address, Zelensky told Ukrainians that he is seeking peace.", "he", 0, "Volodymyr Zelensky"),
    # "its" goes to a country or organisation, not a person.
    ("Zelensky emphasized Ukraine's need for security guarantees of its own.", "its", 0, "Ukraine"),
    ("NATO said its members would meet in Brussels.", "its", 0, "North Atlantic Treaty Organization"),
    # Capital for its government: "its" is the country.
    ("Moscow says its focus is now on the east.", "its", 0, "Russia"),
    # Gender from the knowledge base keeps "she" off a man.
    ("Ursula von der Leyen met Olaf Scholz in Berlin. She said the talks went well.", "She", 0, "Ursula von der Leyen"),
    # Inside a quote, "he" is not the speaker.
    ('Zelensky said, "We must reach an agreement with the president of the Russian Federation, and he needs to come '
     'to meet me."', "he", 0, "Vladimir Putin"),
])
def test_coref_resolves(analyze, text, pronoun, nth, expected):
    assert resolved(analyze(text), pronoun, nth) == expected


@pytest.mark.parametrize("text,pronoun", [
    # Two equally prominent men: a careful reader cannot tell.
    ("Putin and Biden spoke for an hour. He said the call was useful.", "He"),
    # "him" cannot be the subject of its own clause, and no one else is there.
    ("Erdogan praised him warmly.", "him"),
    # No person at all.
    ("The ceasefire collapsed overnight. He said nothing.", "He"),
])
def test_coref_leaves_unclear_pronouns_unresolved(analyze, text, pronoun):
    assert resolved(analyze(text), pronoun) is None
