"""`eventwire eval events GOLD.jsonl`: PLOVER event coding against sentence-level gold.

Gold: the format of the PLOVER gold-standard records, one sentence a line: {id, text,
published?, events: [{plover, source_actors: [{country}], target_actors: [{country}],
reciprocal}]}. A record's `published` is used when present; the GSR's own `date` field
holds placeholders and is not read.

Each sentence is analysed on its own. Types are compared per sentence as sets (an
event type predicted and annotated counts once); negated events are not predictions.
Dyad accuracy: the share of gold events for which a predicted event in the sentence has
the same type, the same set of actor countries and the same set of recipient countries
(either direction when either side is reciprocal). International organisation codes
(IGO, UNO, EUR, NGO) are compared as one family, since the gold standard codes the UN
and Amnesty International alike as IGO. False-positive rate: the share of sentences
with no gold event for which any event is predicted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from ..errors import InputError
from ..knowledge.events import TYPES
from .gold import analysed, prf

INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO"}


def _family(code: str | None) -> str | None:
    return "IGO" if code in INTERNATIONAL else code


def _countries(actors: Iterable) -> frozenset[str]:
    return frozenset(c for c in (_family(a) for a in actors) if c)


def gold_events(record: dict, where: str) -> list[dict]:
    events = []
    for n, item in enumerate(record.get("events") or []):
        if not isinstance(item, dict) or item.get("plover") not in TYPES:
            raise InputError(where, f"event {n + 1} has no PLOVER type in plover", "use one of the 16 types")
        events.append({
            "type": item["plover"],
            "actor": _countries(a.get("country") for a in item.get("source_actors") or []),
            "recipient": _countries(a.get("country") for a in item.get("target_actors") or []),
            "reciprocal": bool(item.get("reciprocal")),
        })
    return events


def predicted_events(result: dict) -> list[dict]:
    out = []
    for event in result["events"]:
        if event["negated"]:
            continue
        out.append({
            "type": event["type"],
            "actor": _countries((event["actor"] or {}).get("countries", [])),
            "recipient": _countries((event["recipient"] or {}).get("countries", [])),
            "reciprocal": event["reciprocal"],
        })
    return out


def _dyad(p: dict, g: dict) -> bool:
    if p["type"] != g["type"]:
        return False
    if p["actor"] == g["actor"] and p["recipient"] == g["recipient"]:
        return True
    if g["reciprocal"] or p["reciprocal"]:
        both_p, both_g = p["actor"] | p["recipient"], g["actor"] | g["recipient"]
        return both_p == both_g or (p["actor"] == g["recipient"] and p["recipient"] == g["actor"])
    return False


def score_events(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    tp = fp = fn = 0
    per_type = {t: Counter() for t in TYPES}
    dyads = gold_count = 0
    empty_sentences = empty_with_events = 0
    details = []
    for gold, _, result in analysed(analyzer, records, lambda where, record: gold_events(record, where)):
        pred = predicted_events(result)
        gold_types, pred_types = {g["type"] for g in gold}, {p["type"] for p in pred}
        tp += len(gold_types & pred_types)
        fp += len(pred_types - gold_types)
        fn += len(gold_types - pred_types)
        for t in gold_types & pred_types:
            per_type[t]["tp"] += 1
        for t in pred_types - gold_types:
            per_type[t]["fp"] += 1
        for t in gold_types - pred_types:
            per_type[t]["fn"] += 1
        matched = sum(1 for g in gold if any(_dyad(p, g) for p in pred))
        dyads += matched
        gold_count += len(gold)
        if not gold:
            empty_sentences += 1
            empty_with_events += bool(pred)
        details.append({"id": result["id"], "gold": sorted(gold_types), "predicted": sorted(pred_types),
                        "dyads_matched": matched, "gold_events": len(gold)})
    figures: dict[str, Any] = {
        "sentences": len(details),
        "types": prf(tp, tp + fp, tp + fn),
        "per_type": {t: prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"]) for t, c in per_type.items()
                     if c["tp"] + c["fp"] + c["fn"]},
        "dyad_accuracy": round(dyads / gold_count, 4) if gold_count else 0.0,
        "gold_events": gold_count,
        "sentences_without_events": empty_sentences,
        "false_positive_rate": round(empty_with_events / empty_sentences, 4) if empty_sentences else None,
        "sentences_detail": details,
    }
    return figures


