"""Write src/eventwire/data/named_for_places.tsv: names that begin with a place's name or word
but are no place — holidays ("Victoria Day", "Columbus Day", "Waitangi Day"), kinds of things
("Danish pastry", "Panama hat", "Brussels sprouts", "Bengal tiger", "German measles") and ship
prefixes ("HMS Belfast", "USS Arizona"). The places stage leaves such a place word alone.

Holidays come from the `holidays` package (every country it covers, names in English where it
has them, provinces' days too); things from WordNet's nouns (Debian's wordnet-base,
/usr/share/wordnet): a noun of two or more words that begins with a country's name or
adjective, a people's word or a province, region or city of 100,000 people, is a kind of
food, artifact, animal, plant, act, state or substance, and is no named individual (WordNet
draws wars and buildings as instances: "Korean War" stays a mention of Korea). Ship prefixes are
hand-written rows (source `hand`) and are kept when the file is written again. Both packages
are development dependencies only (not read at run time):

    apt-get install wordnet-base && .venv/bin/python tools/make_named_for_places.py
"""

from __future__ import annotations

import re
from pathlib import Path

import holidays

from eventwire.knowledge import Knowledge

DATA = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "named_for_places.tsv"
WORDNET = Path("/usr/share/wordnet/data.noun")
# WordNet lexicographer files of kinds of things: act, animal, artifact, food, plant, state, substance
THING_FILES = {"04": "act", "05": "animal", "06": "artifact", "13": "food", "20": "plant", "26": "state",
               "27": "substance"}
YEARS = range(2015, 2031)
BIG_CITY = 100_000  # a smaller town's name begins too many words ("Bank", "Church")
HEADER = """\
# Names that begin with a place's name or word but are no place: holidays, kinds of things
# named for a place, ship prefixes. The places stage takes no place from the start of such a
# name ("Victoria Day", "a Danish pastry", "HMS Belfast"). Written by
# tools/make_named_for_places.py from the holidays package and WordNet; rows with source `hand`
# are kept as they are, and a user may add more the same way.
# Columns: phrase (as written; matched without regard to case, a last word also with -s),
# kind (holiday, thing, ship), source.
phrase\tkind\tsource
"""


def holiday_names() -> set[str]:
    names = set()
    for code in holidays.list_supported_countries():
        cls = holidays.country_holidays(code).__class__
        language = "en_US" if "en_US" in getattr(cls, "supported_languages", ()) else None
        # the nation's days and its provinces' ("Victoria Day"), of every category it has
        values = []
        for subdivision in (None, *getattr(cls, "subdivisions", ())):
            try:
                values += holidays.country_holidays(code, subdiv=subdivision, years=YEARS, language=language,
                                                    categories=getattr(cls, "supported_categories", None)).values()
            except (NotImplementedError, ValueError, KeyError):
                continue
        for value in values:
            for name in value.split("; "):
                name = re.sub(r"\s*\((observed|estimated)\)|\s*\(in lieu\)|^Observed\s+", "", name).strip()
                if name.isascii() and len(name.split()) >= 2:
                    names.add(name)
    return names


def wordnet_things(knowledge: Knowledge) -> dict[str, str]:
    places, countries = knowledge.places, knowledge.countries
    out: dict[str, str] = {}
    for line in WORDNET.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lexfile, count = fields[1], int(fields[3], 16)
        if lexfile not in THING_FILES or " @i " in line.split("|")[0]:
            continue
        for k in range(count):
            lemma = re.sub(r"\(\w+\)$", "", fields[4 + 2 * k])
            words = lemma.replace("_", " ").split()
            if len(words) < 2:
                continue
            words[0] = words[0][:1].upper() + words[0][1:]  # "french fries": French
            for n in (2, 1):  # "New Zealand spinach", "Danish pastry"
                head = " ".join(words[:n])
                if n < len(words) and (countries.lookup(head) is not None or places.demonym(head) is not None or any(
                        places.bears(head, p) and (p.feature != "city" or p.population >= BIG_CITY)
                        for p in places.candidates(head))):
                    out.setdefault(" ".join(words), THING_FILES[lexfile])
                    break
    return out


def main() -> None:
    kept = []
    if DATA.exists():
        for line in DATA.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#") and line.endswith("\thand"):
                kept.append(line)
    knowledge = Knowledge.load()
    rows = [f"{name}\tholiday\tholidays {holidays.__version__}" for name in sorted(holiday_names())]
    rows += [f"{name}\tthing\tWordNet 3.0 noun.{kind}" for name, kind in sorted(wordnet_things(knowledge).items())]
    DATA.write_text(HEADER + "\n".join(kept + rows) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(kept)} hand-written rows, {len(rows)} from the packages")


if __name__ == "__main__":
    main()
