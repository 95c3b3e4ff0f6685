"""What happens to one article on its way into the corpus store, whoever brings it (`eventwire
ingest`, POST /api/articles): skipped when its text is already stored, refused when it is not in
English (unless asked), else analysed and stored; a failure is stored with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..document.article import Article, Failure
from ..language import foreign_language

DUPLICATE = "duplicate"
FOREIGN = "language"


@dataclass
class Screened:
    """Whether an article read goes on to analysis: `outcome` None when it does, else duplicate
    or language; `language` the language detected when it is not English (code, probability)."""
    outcome: str | None
    language: tuple[str, float] | None = None

    def message(self, origin: str, allow: str) -> str:
        """Why a foreign article was refused; `allow` says how this shell's user lets it in."""
        code, probability = self.language
        return (f"{origin}: written in '{code}' (probability {probability:.2f}), and eventwire reads English "
                f"— translate it, or {allow}")


def screen(store, article: Article, any_language: bool = False) -> Screened:
    """Whether this article is analysed: not when its text is already stored, nor when it is not
    English and `any_language` is off."""
    from ..store import text_key

    if store.has(text_key(article.text)):
        return Screened(DUPLICATE)
    foreign = foreign_language(article.text)
    return Screened(FOREIGN if foreign is not None and not any_language else None, foreign)


@dataclass
class Intake:
    """What became of each article given: read = stored + duplicates + failures."""
    counts: dict[str, int] = field(default_factory=lambda: {"read": 0, "stored": 0, "duplicates": 0, "failures": 0})
    results: list[dict[str, Any]] = field(default_factory=list)  # per input: id, origin, outcome, message
    records: dict[int, dict[str, Any]] = field(default_factory=dict)  # input position -> the record stored


def take_in(store, analyzer, items: Iterable[Article | Failure], any_language: bool = False,
            allow: str = "ingest it with any language allowed") -> Intake:
    """Screen, analyse and store the articles one by one (a failure is stored and the rest go
    on), then re-aggregate the store when anything new was stored."""
    from ..store.aggregate import aggregate

    intake = Intake()

    def note(at: int, item, outcome: str, message: str | None = None, **extra) -> None:
        # `at`, the item's place in the input: the results are given back in input order
        intake.results.append({"id": item.id, "origin": item.origin, "outcome": outcome, "message": message,
                               **extra, "at": at})

    articles: list[tuple[int, Article]] = []
    for number, item in enumerate(items):
        intake.counts["read"] += 1
        if isinstance(item, Failure):
            store.add_failure(item.id, item.origin, "read", item.message)
            intake.counts["failures"] += 1
            note(number, item, "failure", item.message, reason="read")
            continue
        screened = screen(store, item, any_language)
        if screened.outcome == DUPLICATE:
            intake.counts["duplicates"] += 1
            note(number, item, DUPLICATE)
        elif screened.outcome == FOREIGN:
            message = screened.message(item.origin, allow)
            store.add_failure(item.id, item.origin, FOREIGN, message)
            intake.counts["failures"] += 1
            note(number, item, "failure", message, reason=FOREIGN)
        else:
            articles.append((number, item))
    for (number, article), result in zip(articles, analyzer.analyze_many([a for _, a in articles])):
        if isinstance(result, Failure):
            store.add_failure(article.id, article.origin, "analysis", result.message)
            intake.counts["failures"] += 1
            note(number, article, "failure", result.message, reason="analysis")
        elif store.add(result, article.id, article.origin):
            intake.counts["stored"] += 1
            note(number, article, "stored")
            intake.records[number] = result
        else:
            intake.counts["duplicates"] += 1  # the same text twice in this batch
            note(number, article, DUPLICATE)
    intake.results.sort(key=lambda result: result.pop("at"))
    if intake.counts["stored"]:
        aggregate(store)  # events, not reports: rebuilt from every stored mention
    return intake
