"""What every evaluation shares: reading a gold file, analysing its records, and P/R/F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..document.article import Article, Failure, article_from_record
from ..errors import EventwireError, InputError

Gold = TypeVar("Gold")


def read_gold(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each line of a gold JSON Lines file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the gold file ({err})", "check the path and that it is UTF-8 JSON Lines") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}", f"not a JSON object ({err.msg})",
                             "fix the line; a gold file has one JSON record a line") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{path}:{number}", 'the record has no "text"', "each gold record needs id and text")
        yield number, record


def analysed(analyzer, records: Iterable[tuple[str, dict]],
             gold_of: Callable[[str, dict], Gold]) -> Iterator[tuple[Gold, Article, dict[str, Any]]]:
    """(expected values, article, eventwire's record) for each gold record, in order.

    `gold_of(where, record)` takes what the record expects and raises InputError when the
    record lacks it; a record that cannot be analysed stops the evaluation with its reason."""
    golds, articles = [], []
    for where, record in records:
        golds.append(gold_of(where, record))
        article = article_from_record(record, where, str(record.get("id", where)))
        if isinstance(article, Failure):
            raise EventwireError(article.message)
        articles.append(article)
    for gold, article, result in zip(golds, articles, analyzer.analyze_many(articles)):
        if isinstance(result, Failure):
            raise EventwireError(result.message)
        yield gold, article, result


def prf(matched: int, predicted: int, gold: int) -> dict[str, float]:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "matched": matched, "predicted": predicted, "gold": gold}
