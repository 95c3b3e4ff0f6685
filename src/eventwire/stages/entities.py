"""Entities: people, organisations and places, each mention resolved within the article.

spaCy's NER and the gazetteer propose mentions. Mentions are grouped into entities:
  - a country's name, aliases, adjectives and demonyms ("Russia", "the Russian
    Federation", "Russians") are one entity, and so is its capital used for its
    government ("Moscow says");
  - a person's mentions ("President Volodymyr Zelensky", "Zelensky") are one entity,
    named by the fullest form or the knowledge base's name; a surname alone joins the
    person in the article with that surname, else an office holder of that name;
  - organisations group by name, knowledge-base alias and acronym.
A title written before a name ("Foreign Minister") becomes part of the mention and the
entity's title. Pronouns are resolved later (coref.py), once actors are coded.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..document.article import CharSpan
from ..document.layers import Entity, Evidence, Mention
from ..knowledge import Knowledge
from ..knowledge.actors import ORGANISATION, PERSON, NamedActor
from ..knowledge.countries import ADJECTIVE, CAPITAL, DEMONYM, NAME, Country
from ..knowledge.terms import AGENT, MODIFIER, TITLE
from ..nlp.gazetteer import COUNTRY
from ..nlp.model import datelines
from ..nlp.syntax import is_subject, sentence_start, trim
from .base import Resources

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


@dataclass
class _Candidate:
    i: int
    j: int
    label: str
    from_gazetteer: str | None = None  # COUNTRY or ACTOR when the gazetteer knows the span


def add_entities(doc: Doc, resources: Resources) -> None:
    doc._.layers.entities = find_entities(doc, resources)


def find_entities(doc: Doc, resources: Resources) -> list[Entity]:
    candidates = _candidates(doc, resources)
    builder = _Builder(doc, resources)
    for cand in candidates:
        builder.place_mention(cand)
    builder.link_people()
    return builder.finish()


def _candidates(doc: Doc, resources: Resources) -> list[_Candidate]:
    """NER spans and gazetteer matches, merged so no two overlap; names after a title
    that NER missed; places in datelines."""
    taken: list[_Candidate] = []
    owner: dict[int, _Candidate] = {}
    dateline_tokens = {k for start, end in datelines(doc) for k in range(start, end)}
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        if ent.start in dateline_tokens:
            # "LIMA (Reuters) -": the capitals are a place, whatever NER says.
            label = "ORG" if resources.knowledge.actors.lookup(ent.text) and ent.text[1:].islower() else "GPE"
            cand = _Candidate(ent.start, ent.end, label)
            taken.append(cand)
            for k in range(ent.start, ent.end):
                owner[k] = cand
            continue
        i, j = trim(doc, ent.start, ent.end)
        # "pro-Russian", "anti-American": the nationality is the word after the hyphen.
        if ent.label_ == "NORP" and j - i >= 3 and doc[i].lower_ in ("pro", "anti") and doc[i + 1].text == "-":
            i += 2
        if i >= j:
            continue
        for i, j in _split_at_dashes(doc, i, j):
            cand = _Candidate(i, j, ent.label_)
            taken.append(cand)
            for k in range(i, j):
                owner[k] = cand
    for match in resources.gazetteer.find(doc):
        i, j = trim(doc, match.i, match.j)
        if i >= j:
            continue
        covering = {id(owner[k]): owner[k] for k in range(i, j) if k in owner}
        if not covering:
            if not doc[i].text[:1].isupper():
                continue  # "turkey", "chad": a known name in lower case is a word
            cand = _Candidate(i, j, _label_for(doc[i:j].text, match.kind, resources), match.kind)
            taken.append(cand)
            for k in range(i, j):
                owner[k] = cand
            continue
        inside = all(i <= c.i and c.j <= j for c in covering.values())
        if len(covering) == 1:
            cand = next(iter(covering.values()))
            if (cand.i, cand.j) == (i, j):
                cand.from_gazetteer = cand.from_gazetteer or match.kind
                continue
        # A known name beats shorter NER spans inside it ("Ursula von der" + "Leyen",
        # "Democratic Republic" + "Congo").
        if inside and (j - i) > max(c.j - c.i for c in covering.values()):
            for cand in covering.values():
                taken.remove(cand)
            cand = _Candidate(i, j, _label_for(doc[i:j].text, match.kind, resources), match.kind)
            taken.append(cand)
            for k in range(i, j):
                owner[k] = cand
    for cand in _titled_names(doc, resources, owner):
        taken.append(cand)
        for k in range(cand.i, cand.j):
            owner[k] = cand
    for cand in _gazetteer_places(doc, resources, owner, taken):
        taken.append(cand)
        for k in range(cand.i, cand.j):
            owner[k] = cand
    # One name, one reading: NER may call "Kharkiv" a place in one sentence and a person
    # in the next; a place reading elsewhere in the article wins for an untitled name.
    places = {doc[c.i:c.j].text for c in taken if c.label in ("GPE", "LOC", "FAC")}
    for cand in taken:
        if cand.label == "PERSON" and doc[cand.i:cand.j].text in places and cand.from_gazetteer is None:
            cand.label = next(c.label for c in taken if c.label in ("GPE", "LOC", "FAC")
                              and doc[c.i:c.j].text == doc[cand.i:cand.j].text)
    taken.sort(key=lambda c: c.i)
    return taken


def _split_at_dashes(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    """NER sometimes runs two names across a spaced dash ("Central Africa - Nigeria")."""
    parts, start = [], i
    for k in range(i, j):
        if doc[k].text in ("-", "–", "—") and doc[k].whitespace_ and k > i and doc[k - 1].whitespace_:
            if k > start:
                parts.append((start, k))
            start = k + 1
    if j > start:
        parts.append((start, j))
    return parts


LOCATIVE = {"in", "at", "near", "from", "to", "outside", "across", "into", "around", "throughout", "toward",
             "towards", "inside", "within", "between", "via", "through"}
# "the town of Torun", "the island of Java"; "Masvingo province", "Dhule district"
PLACE_NOUNS = {"town", "village", "city", "province", "state", "county", "district", "region", "island",
               "capital", "municipality", "prefecture", "governorate", "township", "territory", "port",
               "suburb", "community", "islands", "provinces", "states", "districts", "counties", "regions"}
# "the Da Nang airport", "the Dadaab camps": a name before these is where they are
SITE_NOUNS = {"airport", "area", "camp", "camps", "port", "harbour", "harbor", "valley", "delta", "coast",
              "border", "district", "region", "countryside", "outskirts", "suburbs", "resident", "residents",
              "townspeople", "villagers", "townsfolk"}
# "a resident of Torun", "the mayor of Dogubayazit"
OF_PLACE = {"area", "areas", "resident", "residents", "native", "natives", "mayor", "governor", "outskirts", "centre", "center",
            "people", "citizens", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
JOINERS = {"do", "de", "da", "del", "dos", "das", "la", "le", "les", "of", "on", "upon", "al", "el", "-"}
BIG_CITY = 100_000


def _gazetteer_places(doc: Doc, resources: Resources, owner: dict, taken: list) -> list[_Candidate]:
    """Places the model missed or mislabelled. A name NER called an organisation,
    person or group is a place when it is a country, province or well-known region
    (and nobody's name), or a known place where the sentence says a place is meant.
    Untagged capitalised names are places where the sentence says so: after "in",
    "at", "near"..., after "the town of", before "province", before ", <place>", or in
    a list with other places ("Migori, Homa Bay, Rongo and Kisumu")."""
    places = resources.knowledge.places
    actors = resources.knowledge.actors
    # token attributes read once: indexing a Doc builds a Token object each time
    n = len(doc)
    lower = [t.lower_ for t in doc]
    pos = [t.pos_ for t in doc]
    capital = [t.text[:1].isupper() for t in doc]
    name_like = [p == "PROPN" and c for p, c in zip(pos, capital)]

    def is_place(k: int) -> bool:
        cand = owner.get(k) or claimed.get(k)
        return cand is not None and cand.label in ("GPE", "LOC", "FAC")

    def says_place(k: int, j: int) -> bool:
        before = lower[k - 1] if k > 0 else ""
        if before in LOCATIVE or (before == "the" and k >= 2 and lower[k - 2] in LOCATIVE):
            return True
        if j < n and pos[j] == "NOUN" and (lower[j] in PLACE_NOUNS or lower[j] in SITE_NOUNS):
            return True
        if before == "of" and k >= 2 and (lower[k - 2] in PLACE_NOUNS or lower[k - 2] in OF_PLACE):
            return True
        if j + 1 < n and lower[j] in (",", "and", "or") and is_place(j + 1):
            return True
        return before in (",", "and", "or") and k >= 2 and (is_place(k - 2) or (lower[k - 2] == "," and is_place(k - 3)))

    claimed: dict[int, _Candidate] = {}
    # NER cut one place name in two ("Goz" + "Beida", "Mashonaland" + "West"): rejoin it.
    ordered = sorted(taken, key=lambda c: c.i)
    for a, b in zip(ordered, ordered[1:]):
        if a.j == b.i and a.from_gazetteer is None and b.from_gazetteer is None and a in taken and b in taken:
            whole = doc[a.i:b.j].text
            if any(places.bears(whole, p) for p in places.candidates(whole)) and not actors.lookup(whole):
                taken.remove(b)
                a.j, a.label = b.j, "GPE"
                for m in range(a.i, a.j):
                    owner[m] = a
    # ... or tagged only part of it ("Goz" left out of "Goz Beida").
    for cand in taken:
        if cand.from_gazetteer is not None or cand.label not in ("GPE", "LOC", "ORG", "PERSON", "NORP"):
            continue
        for i, j in ((cand.i - 1, cand.j), (cand.i, cand.j + 1), (cand.i - 2, cand.j), (cand.i, cand.j + 2)):
            if i < 0 or j > n or any(m in owner and owner[m] is not cand for m in range(i, j)):
                continue
            added = [m for m in range(i, j) if not cand.i <= m < cand.j]
            # "Rio Grande" + "do Sul": joining words may be lower case, the name's ends not
            if not all(name_like[m] or lower[m] in JOINERS for m in added) or not capital[i] or not capital[j - 1]:
                continue
            whole = doc[i:j].text
            if any(places.bears(whole, p) for p in places.candidates(whole)) and not actors.lookup(whole):
                cand.i, cand.j, cand.label = i, j, "GPE"
                for m in range(i, j):
                    owner[m] = cand
                break
    for cand in sorted(taken, key=lambda c: c.i):
        if cand.label not in ("ORG", "PERSON", "NORP"):
            continue
        text = doc[cand.i:cand.j].text
        if cand.from_gazetteer == COUNTRY:
            cand.label = _label_for(text, COUNTRY, resources)
            continue
        if cand.from_gazetteer is not None or actors.lookup(text):
            continue
        found = places.candidates(text)
        if not found:
            continue
        # A group word ("Pacific" in "Pacific climate envoy") is a place only in a place's slot.
        strong = cand.label != "NORP" and (any(p.feature in ("country", "region") for p in found) or (
            cand.label == "ORG" and any(p.feature == "city" and p.population >= BIG_CITY for p in found)))
        if cand.label == "PERSON" and title_chain(doc, cand.i, resources.knowledge)[1] is not None:
            strong = False
        last = doc[cand.j - 1]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.pos_ == "NOUN":
            strong = False  # "Pacific climate envoy": a modifier names a group or scope
        if strong or says_place(cand.i, cand.j):
            cand.label = "GPE"
    found_places = []
    k = 0
    while k < n:
        if k in owner or not name_like[k]:
            k += 1
            continue
        j = k
        while j < n and j - k < 4 and j not in owner and name_like[j]:
            j += 1
        # the longest run that is a known place, where the sentence says a place is meant
        for end in range(j, k, -1):
            known = places.candidates(doc[k:end].text)
            # a well-known region or a province is a place wherever it is named ("drought
            # gripped the Sahel", "the NSW minister")
            if known and (says_place(k, end) or any(p.source.startswith("regions.tsv") or p.kind == "admin1"
                                                    for p in known)):
                cand = _Candidate(k, end, "GPE")
                found_places.append(cand)
                for m in range(k, end):
                    claimed[m] = cand
                j = end
                break
        k = max(j, k + 1)
    return found_places


def _titled_names(doc: Doc, resources: Resources, owner: dict) -> list[_Candidate]:
    """Proper names right after a title that NER did not tag ("lawmaker Daniela Ruiz")."""
    found = []
    k = 0
    while k < len(doc):
        token = doc[k]
        if token.pos_ != "PROPN" or k in owner or not token.text[:1].isupper():
            k += 1
            continue
        j = k
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in owner and doc[j].text[:1].isupper():
            j += 1
        if 2 <= j - k <= 4 and k > 0:
            chain_start, title = title_chain(doc, k, resources.knowledge)
            if title is not None:
                found.append(_Candidate(k, j, "PERSON"))
                k = j
                continue
        if 2 <= j - k <= 4:
            # "Wanjiru Kamau, the opposition's presidential candidate,": a title in apposition.
            terms = resources.knowledge.terms
            apposed = [c for c in doc[j - 1].children if c.dep_ == "appos"]
            if any((t := terms.get(c.lower_) or terms.get(c.lemma_.lower())) is not None
                   and t.sectors and (TITLE in t.kinds or AGENT in t.kinds) for c in apposed):
                found.append(_Candidate(k, j, "PERSON"))
        k = max(j, k + 1)
    return found


def _label_for(text: str, kind: str, resources: Resources) -> str:
    if kind == COUNTRY:
        found = resources.knowledge.countries.lookup(text)
        if found and found[1] in (ADJECTIVE, DEMONYM):
            return "NORP"
        return "GPE"
    actors = resources.knowledge.actors.lookup(text)
    if actors and actors[0].kind == PERSON:
        return "PERSON"
    return "ORG"


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


class _Builder:
    def __init__(self, doc: Doc, resources: Resources):
        self.doc = doc
        self.resources = resources
        self.knowledge = resources.knowledge
        self.when = doc._.article.published if doc._.article else None
        self.by_key: dict[tuple, Entity] = {}
        self.people: list[tuple[Mention, list[str], str | None, CharSpan | None]] = []

    def entity(self, key: tuple, name: str, type_: str) -> Entity:
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = Entity(id="", name=name, type=type_)
        return found

    def place_mention(self, cand: _Candidate) -> None:
        doc = self.doc
        span = doc[cand.i:cand.j]
        text = span.text
        found = self.knowledge.countries.lookup(text)
        # NER calls "Sri Lankan" a person now and then; a nationality word never is one.
        if found and (cand.label != "PERSON" or found[1] in (ADJECTIVE, DEMONYM)):
            country, relation = found
            if relation == CAPITAL:
                if is_subject(doc[cand.j - 1]) or doc[cand.j - 1].dep_ == "poss":
                    self._country(country, cand, "metonym")
                else:
                    self._place(cand, text)
                return
            kind = {NAME: "name", ADJECTIVE: "adjective", DEMONYM: "demonym"}[relation]
            self._country(country, cand, kind)
            return
        known = self.knowledge.actors.lookup(text)
        if cand.label == "PERSON" or (known and known[0].kind == PERSON and cand.label not in ("GPE", "LOC")):
            self._person(cand)
        elif cand.label == "ORG" or (known and (cand.label not in ("GPE", "LOC", "FAC") or known[0].kind == ORGANISATION)):
            # A dictionary may list a city as its country (CAMEO: "Geneva" -> CHE); NER's
            # place reading wins unless the name is a known organisation.
            self._organisation(cand, known)
        elif cand.label in ("GPE", "LOC", "FAC"):
            self._place(cand, text)
        elif cand.label == "NORP":
            entity = self.entity(("norp", text.lower()), text, "NORP")
            entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, "name"))

    def _country(self, country: Country, cand: _Candidate, kind: str) -> None:
        span = self.doc[cand.i:cand.j]
        entity = self.entity(("country", country.name), country.name, "GPE")
        entity.nation = country
        entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, kind))

    def _place(self, cand: _Candidate, text: str) -> None:
        span = self.doc[cand.i:cand.j]
        place = self.knowledge.places.best(text)
        name = place.name if place is not None else text
        label = cand.label if cand.label in ("GPE", "LOC", "FAC") else "GPE"
        entity = self.entity(("place", name.casefold()), name, label)
        entity.place = entity.place or place
        entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, "name"))

    def _organisation(self, cand: _Candidate, known: list[NamedActor]) -> None:
        span = self.doc[cand.i:cand.j]
        org = next((a for a in known if a.kind != PERSON), None)
        if org is not None:
            key: tuple = ("actor", id(org))
            entity = self.entity(key, org.name, "ORG")
            entity.known = org
        else:
            entity = self.entity(("org", span.text.casefold()), span.text, "ORG")
        entity.add(Mention(span.start_char, span.end_char, cand.i, cand.j, "name"))

    def _person(self, cand: _Candidate) -> None:
        doc = self.doc
        i, j = cand.i, cand.j
        # NER sometimes includes the title ("President Zelensky"); peel it off.
        while j - i > 1:
            inner_start, inner_title = title_chain(doc, i + 1, self.knowledge)
            if inner_title and inner_start == i:
                i += 1
            elif doc[i].lower_ in self.knowledge.words("titles", "honorifics"):
                i += 1
            else:
                break
        start_i, title = title_chain(doc, i, self.knowledge)
        words = [t.text for t in doc[i:j]]
        title_span = CharSpan(doc[start_i].idx, doc[i - 1].idx + len(doc[i - 1].text)) if title else None
        mention = Mention(doc[start_i].idx, doc[j - 1].idx + len(doc[j - 1].text), start_i, j, "name")
        self.people.append((mention, words, title, title_span))

    def link_people(self) -> None:
        """Group person mentions: full names first, then surnames."""
        actors = self.knowledge.actors
        full = [p for p in self.people if len(p[1]) >= 2]
        single = [p for p in self.people if len(p[1]) < 2]
        clusters: list[Entity] = []
        for mention, words, title, title_span in full:
            name = self.doc[mention.j - len(words):mention.j].text if words else " ".join(words)
            known = next((a for a in actors.lookup(name) if a.kind != ORGANISATION), None)
            entity = None
            if known is not None:
                entity = self.by_key.get(("actor", id(known)))
            if entity is None:
                entity = next((e for e in clusters if _same_person(e, words, known)), None)
            if entity is None:
                key = ("actor", id(known)) if known else ("person", name.casefold())
                entity = self.entity(key, known.name if known else name, "PERSON")
                entity.known = known
                clusters.append(entity)
            elif known is None and len(name) > len(entity.name) and entity.known is None:
                entity.name = name
            self._attach(entity, mention, title, title_span)
        for mention, words, title, title_span in single:
            word = words[0] if words else self.doc[mention.i:mention.j].text
            matches = [e for e in clusters if word in _name_parts(e)]
            if len(matches) > 1:
                # The most recently mentioned person with that name.
                matches = [max(matches, key=lambda e: max(m.start for m in e.mentions if m.start < mention.start)
                               if any(m.start < mention.start for m in e.mentions) else -1)]
            if matches:
                entity = matches[0]
            else:
                entity = self._known_by_surname(word, clusters, title)
            self._attach(entity, mention, title, title_span)

    def _known_by_surname(self, word: str, clusters: list[Entity], title: str | None = None) -> Entity:
        from ..knowledge.actors import coding_at

        actors = self.knowledge.actors
        candidates = [a for a in actors.by_last_name(word) if a.kind == PERSON]
        if title:
            # "President Obama": a person who held that title
            titled = [a for a in candidates if any(c.title and c.title.lower().split()[-1] == title.lower().split()[-1]
                                                   for c in a.codings)]
            candidates = titled or candidates
        if self.when is not None:
            current = [a for a in candidates if (r := coding_at(a, self.when)) and r.status == "current"]
        else:
            current = candidates
        if len(current) == 1:
            known = current[0]
            entity = self.entity(("actor", id(known)), known.name, "PERSON")
            entity.known = known
        else:
            entity = self.entity(("person", word.casefold()), word, "PERSON")
        if entity not in clusters:
            clusters.append(entity)
        return entity

    def _attach(self, entity: Entity, mention: Mention, title: str | None, title_span: CharSpan | None) -> None:
        entity.add(mention)
        if title and entity.title is None:
            entity.title = title
            entity.title_span = title_span
            entity.evidence.append(Evidence("title", "text", title_span))
        if entity.gender is None and entity.known is not None:
            entity.gender = entity.known.gender

    def finish(self) -> list[Entity]:
        entities = [e for e in self.by_key.values() if e.mentions]
        entities.sort(key=lambda e: min(m.start for m in e.mentions))
        for n, entity in enumerate(entities, 1):
            entity.id = f"e{n}"
        return entities


def _name_parts(entity: Entity) -> set[str]:
    parts = set(entity.name.split())
    if entity.known is not None:
        for form in entity.known.forms:
            parts.update(form.split())
    return parts


def _same_person(entity: Entity, words: list[str], known: NamedActor | None) -> bool:
    """"Vladimir Putin" and "Vladimir Vladimirovich Putin": same surname, and one
    name's words contain the other's."""
    if known is not None and entity.known is not None:
        return known is entity.known
    mine = entity.name.split()
    return bool(mine) and mine[-1] == words[-1] and (set(mine) <= set(words) or set(words) <= set(mine))
