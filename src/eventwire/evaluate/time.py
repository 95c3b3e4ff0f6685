"""`eventwire eval time GOLD.jsonl`: temporal expressions against TIMEX3 gold.

Gold: one passage a line, {id, text, dct, timexes: [{span: [start, end], text, type, value}]};
`dct` (the publication date, YYYY-MM-DD) is what relative expressions resolve against.
Scored as in TempEval-3: span precision, recall and F1, strict (same start and end) and
relaxed (any overlap, each gold and predicted expression used once); type accuracy and
value F1 over relaxed matches (a match counts for value F1 only when the normalised
values are equal), so value F1 is at most relaxed F1.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from ..errors import InputError
from .gold import analysed, prf


def _gold_timexes(where: str, record: dict) -> list[dict]:
    timexes = record.get("timexes")
    if not isinstance(timexes, list):
        raise InputError(where, 'the record has no "timexes" list', "give timexes as [{span, type, value}]")
    return timexes


def _dated(record: dict) -> dict:
    """TempEval's document creation time ("dct") is the publication date."""
    if record.get("dct") and not record.get("published"):
        return {**record, "published": record["dct"]}
    return record


def score_time(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    strict = relaxed = typed = valued = predicted = gold_n = 0
    by_type: Counter = Counter()
    by_type_ok: Counter = Counter()
    misses: list[dict[str, Any]] = []
    dated = ((where, _dated(record)) for where, record in records)
    passages = 0
    for passages, (gold, article, result) in enumerate(analysed(analyzer, dated, _gold_timexes), 1):
        found = result["timexes"]
        predicted += len(found)
        gold_n += len(gold)
        used: set[int] = set()
        for g in gold:
            start, end = g["span"]
            by_type[g.get("type")] += 1
            exact = next((k for k, p in enumerate(found) if k not in used
                          and (p["span"]["start"], p["span"]["end"]) == (start, end)), None)
            match = exact if exact is not None else next(
                (k for k, p in enumerate(found) if k not in used and p["span"]["start"] < end and start < p["span"]["end"]), None)
            if match is None:
                misses.append({"id": article.id, "text": g.get("text"), "gold": g.get("value"), "got": None})
                continue
            used.add(match)
            p = found[match]
            relaxed += 1
            strict += exact is not None
            typed += p["type"] == g.get("type")
            if p["value"] == g.get("value"):
                valued += 1
                by_type_ok[g.get("type")] += 1
            else:
                misses.append({"id": article.id, "text": g.get("text"), "gold": g.get("value"), "got": p["value"]})
    return {
        "passages": passages,
        "strict": prf(strict, predicted, gold_n),
        "relaxed": prf(relaxed, predicted, gold_n),
        "type_accuracy": round(typed / relaxed, 4) if relaxed else 0.0,
        "value": prf(valued, predicted, gold_n),
        "value_by_type": {t: {"gold": n, "correct": by_type_ok[t]} for t, n in sorted(by_type.items(), key=str)},
        "errors": misses,
    }


