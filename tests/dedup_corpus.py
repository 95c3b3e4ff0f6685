"""A labelled corpus of near-duplicate news articles, built from a seed for scoring
eventwire.store.near_duplicates: the same seed always gives the same articles.

    articles = build(seed=1)                     # [Article(id, text, story, kind), ...]
    scores(groups, articles)                     # {"all": Score(...), "wire": Score(...), ...}

Base articles are cut from the distinct sentences of the project's own test data
(tests/data/*/*.jsonl: wire-style news sentences and articles), taken as consecutive runs of
10-30 sentences in file order, so neighbouring articles are on one topic with one vocabulary
(Nairobi police and protesters; a ceasefire in eastern Congo) but tell different stories. Each
comes from an outlet with its dateline and footer ("Reporting by ...; Editing by ...",
"Copyright 2026 The Associated Press. All rights reserved.").

Kinds (every article has one; variants belong to their base's story):
    base        the original
    wire        the same body run by another outlet: new headline, byline and footer,
                straight or typographic quotes, other paragraph breaks and spacing
    edit        an updated version: 1-3 sentences added, removed or reworded, and a figure
                corrected, under an "UPDATE n-" headline
    truncation  the first 40-70 % of the article, cut at a word
    combo       a wire copy of an edit, or a truncation of one
    sibling     another story on the same topic that shares one or two sentences (a quote)
                and the outlet footer with a base: a story of its own
    followup    a new story that repeats the last 2-3 background sentences of a base: its own
    brief       one or two sentences and the wire's footer, and the copies 0-2 outlets ran
                (their own headline, byline and footer): a story of its own
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"
SOURCES = ("events", "quotes", "summary", "time")
KINDS = ("base", "wire", "edit", "truncation", "combo", "sibling", "followup", "brief")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z])|(?<=[.!?][\"”’])\s+(?=[\"“A-Z])")
_NUMBER = re.compile(r"\b\d+\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(, [A-Z][\w .]+)?,?( [A-Z][a-z]+ \d+)?( \(\w+\))? [—-] ")

NAMES = ("Maria Tsvetkova", "John Okafor", "Aisha Rahman", "Tom Balmforth", "Elena Ruiz", "David Chen",
         "Fatima Diallo", "Peter Graff", "Nadia Haddad", "Kevin Liffey", "Sofia Moreno", "James Mackenzie")
WIRES = {
    "Reuters": ("(Reuters) - ", ["Reporting by {0}; Additional reporting by {1}; Editing by {2}",
                                 "Our Standards: The Thomson Reuters Trust Principles."]),
    "AP": ("(AP) — ", ["Associated Press writer {0} contributed to this report.",
                       "Copyright 2026 The Associated Press. All rights reserved. This material may not be "
                       "published, broadcast, rewritten or redistributed without permission."]),
    "AFP": ("(AFP) - ", ["{0}/{1}/{2}", "© Agence France-Presse. All rights reserved."]),
}
CITIES = ("LONDON", "NAIROBI", "BEIRUT", "KYIV", "WASHINGTON", "JAKARTA", "LAGOS", "BRUSSELS", "MANILA", "LIMA")
OUTLETS = ("The Daily Courier", "Metro Herald", "Valley News", "The Northern Star", "Coastal Times",
           "Evening Post", "The Capital Ledger", "Lakeside Gazette")
REWORDINGS = {"said": "told reporters", "on Monday": "on Tuesday", "killed": "left dead", "about": "roughly",
              "more than": "over", "police": "security forces", "government": "administration",
              "officials": "authorities", "percent": "per cent", "president": "head of state"}


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    story: str
    kind: str


class Wire(NamedTuple):
    agency: str  # a key of WIRES
    credits: tuple[str, str, str]  # the reporters and editor its footer names


@dataclass(frozen=True)
class Score:
    precision: float  # of the pairs put in one group, the share that are one story (1.0 if none)
    recall: float  # of the pairs that are one story, the share put in one group (1.0 if none)
    predicted: int
    true: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def sentences() -> list[str]:
    """The distinct sentences of the test data (six words or more), in file order."""
    seen: dict[str, None] = {}
    for source in SOURCES:
        for path in sorted((DATA / source).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                for paragraph in json.loads(line)["text"].split("\n"):
                    for sentence in _SENTENCE_END.split(paragraph.strip()):
                        if len(sentence.split()) >= 6:
                            seen.setdefault(sentence.strip(), None)
    return list(seen)


def build(seed: int, stories: int | None = None) -> list[Article]:
    """The corpus for one seed: all bases the sentences allow, or the first `stories`."""
    return _Builder(random.Random(seed), f"s{seed}").build(stories)


class _Builder:
    def __init__(self, rng: random.Random, prefix: str):
        self.rng = rng
        self.prefix = prefix
        pool = sentences()
        # every seed cuts the pool at other places, and keeps a tenth back for the sentences
        # updates add (any story may add the same one, as in the news) and briefs are made of
        offset = rng.randrange(len(pool))
        pool = pool[offset:] + pool[:offset]
        spare = set(rng.sample(range(len(pool)), len(pool) // 10))
        spare_sentences = [s for i, s in enumerate(pool) if i in spare]
        self.additions, self.briefs = spare_sentences[::2], spare_sentences[1::2]
        self.body = [s for i, s in enumerate(pool) if i not in spare]

    def build(self, limit: int | None) -> list[Article]:
        rng, articles, number = self.rng, [], 0
        while len(self.body) >= 10 and (limit is None or number < limit):
            story = f"{self.prefix}-{number:03d}"
            number += 1
            wire = self.wire()
            body = self.lead(self.take_body(rng.randint(10, 30)), wire)
            articles.append(Article(f"{story}-base", self.render(body, wire, outlet=None), story, "base"))
            for n, (kind, text) in enumerate(self.variants(body, wire)):
                articles.append(Article(f"{story}-{kind}{n}", text, story, kind))
            # the next sentences of the pool are on the same topic: another story told with them,
            # by the same agency (same footer)
            roll = rng.random()
            if roll < 0.3 and len(self.body) >= 20:  # quoting one or two of the base's sentences
                own = self.lead(self.take_body(rng.randint(8, 14)), wire)
                for sentence in rng.sample(body[1:], rng.randint(1, 2)):
                    own.insert(rng.randrange(1, len(own) + 1), sentence)
                articles.append(Article(f"{story}-sibling", self.render(own, wire, None), f"{story}-sibling",
                                        "sibling"))
            elif roll < 0.5 and len(self.body) >= 20:  # a later story repeating the background
                own = self.lead(self.take_body(rng.randint(6, 12)), wire) + body[-rng.randint(2, 3):]
                articles.append(Article(f"{story}-followup", self.render(own, wire, None), f"{story}-followup",
                                        "followup"))
            if rng.random() < 0.3 and len(self.briefs) >= 2:  # a short story, run by 0-2 outlets
                brief = self.lead([self.briefs.pop() for _ in range(rng.randint(1, 2))], wire)
                copies = [None] + rng.sample(OUTLETS, rng.randint(0, 2))
                for n, outlet in enumerate(copies):
                    articles.append(Article(f"{story}-brief{n}", self.render(brief, wire, outlet), f"{story}-brief",
                                            "brief"))
        return articles

    def wire(self) -> Wire:
        agency = self.rng.choice(sorted(WIRES))
        return Wire(agency, tuple(self.rng.sample(NAMES, 3)))

    def lead(self, body: list[str], wire: Wire) -> list[str]:
        """The body with a dateline on its first sentence if it has none."""
        if not _DATELINE.match(body[0]):
            body[0] = f"{self.rng.choice(CITIES)} {WIRES[wire.agency][0]}{body[0]}"
        return body

    def take_body(self, n: int) -> list[str]:
        taken, self.body = self.body[:n], self.body[n:]
        return taken

    def variants(self, body: list[str], wire: Wire) -> list[tuple[str, str]]:
        rng = self.rng
        out = []
        for _ in range(rng.randint(1, 5)):
            kind = rng.choice(("wire", "wire", "edit", "truncation", "combo"))
            if kind == "wire":
                text = self.render(body, wire, outlet=rng.choice(OUTLETS))
            elif kind == "edit":
                text = self.render(self.edit(body), wire, None, update=rng.randint(1, 3))
            elif kind == "truncation":
                text = self.truncate(self.render(body, wire, outlet=rng.choice((None,) + OUTLETS)))
            else:
                edited = self.edit(body)
                text = self.render(edited, wire, outlet=rng.choice(OUTLETS), update=rng.randint(1, 3))
                if rng.random() < 0.5:
                    text = self.truncate(text)
            out.append((kind, text))
        return out

    def edit(self, body: list[str]) -> list[str]:
        rng, body = self.rng, list(body)
        for _ in range(rng.randint(1, 3)):
            action = rng.choice(("add", "remove", "reword"))
            if action == "add":
                body.insert(rng.randint(1, len(body)), rng.choice(self.additions))
            elif action == "remove" and len(body) > 8:
                del body[rng.randrange(1, len(body))]
            else:
                at = rng.randrange(len(body))
                body[at] = self.reword(body[at])
        # the corrected figure: one number in the story changes
        with_numbers = [i for i, s in enumerate(body) if _NUMBER.search(s)]
        if with_numbers:
            at = rng.choice(with_numbers)
            body[at] = _NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), body[at], count=1)
        return body

    def reword(self, sentence: str) -> str:
        found = [old for old in REWORDINGS if old in sentence]
        for old in self.rng.sample(found, min(2, len(found))):
            sentence = sentence.replace(old, REWORDINGS[old], 1)
        if not found:  # nothing to swap: cut the sentence's tail clause instead
            words = sentence.split()
            sentence = " ".join(words[:max(4, len(words) * 2 // 3)]) + "."
        return sentence

    def truncate(self, text: str) -> str:
        words = text.split(" ")
        keep = round(len(words) * self.rng.uniform(0.4, 0.7))
        return " ".join(words[:keep]) + self.rng.choice(("", "...", " …", "\n\nRead the full story at our partner site."))

    def render(self, body: list[str], wire: Wire, outlet: str | None, update: int | None = None) -> str:
        """An article as an outlet prints it: headline, byline, dateline, paragraphs, the wire's
        footer (its credits travel with the copy) and the outlet's own."""
        rng = self.rng
        footers = WIRES[wire.agency][1]
        # the wire's headline is its lead's opening words; an outlet writes its own from another
        # sentence
        source = body[0] if outlet is None else rng.choice(body)
        headline = " ".join(_DATELINE.sub("", source).split()[:rng.randint(6, 10)]).rstrip(".,")
        if update:
            headline = f"UPDATE {update}-{headline}"
        lines = [headline]
        if outlet is not None:
            lines.append(rng.choice((f"By {rng.choice(NAMES)} | {outlet}", f"{outlet} staff and wire reports",
                                     f"Published by {outlet} on {rng.randint(1, 28)} March 2026")))
        paragraphs, at = [body[0]], 1
        while at < len(body):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(body[at:at + step]))
            at += step
        lines += paragraphs
        lines += [footer.format(*wire.credits) for footer in footers]
        if outlet is not None:
            lines.append(rng.choice((f"Sign up for the {outlet} morning newsletter to get the day's top stories.",
                                     "Advertisement", f"Copyright 2026 {outlet}. Distributed by wire services.")))
        text = rng.choice(("\n", "\n\n", "\n \n")).join(lines)
        if outlet is not None:
            text = _quote_style(text, rng.choice(("straight", "curly")))
            if rng.random() < 0.3:
                text = text.replace(". ", ".  ")
        return text


def _quote_style(text: str, style: str) -> str:
    if style == "straight":
        return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    parts = text.replace("'", "’").split('"')
    return "".join(part + ("“" if n % 2 == 0 else "”") for n, part in enumerate(parts[:-1])) + parts[-1]


def scores(groups: list[list[str]], articles: list[Article]) -> dict[str, Score]:
    """Pairwise precision and recall, over all articles and over the pairs touching each kind."""
    predicted = {pair for group in groups for pair in combinations(sorted(group), 2)}
    by_story: dict[str, list[str]] = {}
    for a in articles:
        by_story.setdefault(a.story, []).append(a.id)
    true = {pair for ids in by_story.values() for pair in combinations(sorted(ids), 2)}
    out = {"all": _score(predicted, true)}
    for kind in KINDS:
        ids = {a.id for a in articles if a.kind == kind}
        out[kind] = _score({p for p in predicted if p[0] in ids or p[1] in ids},
                           {p for p in true if p[0] in ids or p[1] in ids})
    return out


def _score(predicted: set, true: set) -> Score:
    hits = len(predicted & true)
    return Score(hits / len(predicted) if predicted else 1.0, hits / len(true) if true else 1.0,
                 len(predicted), len(true))
