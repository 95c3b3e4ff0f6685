"""`eventwire eval events GOLD.jsonl`: PLOVER event coding against sentence-level gold.

Gold: the format of the PLOVER gold-standard records, one sentence a line: {id, text,
published?, phenomenon?, events: [{plover, plover_alt?, source_actors: [{country}],
target_actors: [{country}], reciprocal}], optional_events?: [...]}. A record's `published`
is used when present; the GSR's own `date` field holds placeholders and is not read.
`plover_alt` lists other types the annotator also accepts for that event; an
`optional_events` entry is an event neither rewarded nor penalised (a predicted event that
matches one is left out of the counts).

Each sentence is analysed on its own; events the record does not count (negated, or only
possible, planned or required) are not predictions, and a predicted event of a type only an
optional event has is left out. Reported:
- types: micro precision, recall and F1 of event types per sentence (compared as sets);
- dyads: precision, recall and F1 of whole events — type, the set of actor countries and
  the set of recipient countries all right (either direction when either side is
  reciprocal), each gold event matched to at most one predicted event; `dyad_accuracy`, the
  figure reported before dyad F1, is the share of gold events some predicted event fits.
  International organisation codes (IGO, UNO, EUR, NGO) are one family, since
  the gold standard codes the UN and Amnesty International alike as IGO;
- the false-positive rate: the share of sentences with no gold event given any event;
- date accuracy, where gold events carry a `date` (YYYY-MM-DD or any TIMEX3 value): the share
  whose predicted event of that type has that date value, or a finer one within it (a time
  of that day); a missed event counts wrong;
- the same per type and, when records name a `phenomenon`, per phenomenon.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable

from ..errors import InputError
from ..knowledge.events import TYPES
from .gold import analysed, prf

INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO"}


def _family(code: str | None) -> str | None:
    return "IGO" if code in INTERNATIONAL else code


def _countries(actors: Iterable) -> frozenset[str]:
    return frozenset(c for c in (_family(a) for a in actors) if c)


def _gold_event(item: Any, where: str, n: int) -> dict:
    types = [item.get("plover"), *(item.get("plover_alt") or [])] if isinstance(item, dict) else [None]
    if any(t not in TYPES for t in types):
        raise InputError(where, f"event {n + 1} has no PLOVER type in plover", "use one of the 16 types")
    return {
        "type": types[0],
        "types": frozenset(types),
        "actor": _countries(a.get("country") for a in item.get("source_actors") or []),
        "recipient": _countries(a.get("country") for a in item.get("target_actors") or []),
        "reciprocal": bool(item.get("reciprocal")),
        "date": item.get("date") if isinstance(item.get("date"), str) else None,
    }


def gold_events(record: dict, where: str) -> dict[str, Any]:
    return {
        "events": [_gold_event(item, where, n) for n, item in enumerate(record.get("events") or [])],
        "optional": [_gold_event(item, where, n) for n, item in enumerate(record.get("optional_events") or [])],
        "phenomenon": record.get("phenomenon"),
    }


def predicted_events(result: dict) -> list[dict]:
    out = []
    for event in result["events"]:
        if not event["counted"]:
            continue
        out.append({
            "type": event["type"],
            "actor": _countries((event["actor"] or {}).get("countries", [])),
            "recipient": _countries((event["recipient"] or {}).get("countries", [])),
            "reciprocal": event["reciprocal"],
            "date": (event.get("date") or {}).get("value"),
        })
    return out


def _dyad(p: dict, g: dict) -> bool:
    if p["type"] not in g["types"]:
        return False
    if p["actor"] == g["actor"] and p["recipient"] == g["recipient"]:
        return True
    if g["reciprocal"] or p["reciprocal"]:
        both_p, both_g = p["actor"] | p["recipient"], g["actor"] | g["recipient"]
        return both_p == both_g or (p["actor"] == g["recipient"] and p["recipient"] == g["actor"])
    return False


def _sentence(gold: dict, pred: list[dict]) -> dict[str, Any]:
    """The counts of one sentence."""
    events = gold["events"]
    optional_types = {t for o in gold["optional"] for t in o["types"]} - {t for g in events for t in g["types"]}
    pred = [p for p in pred if p["type"] not in optional_types]
    # a predicted type is read as the gold type it is an accepted alternative of
    accepted = {t: g["type"] for g in events for t in g["types"]}
    pred_types = {accepted.get(p["type"], p["type"]) for p in pred}
    gold_types = {g["type"] for g in events}
    # whole events, one to one: each gold event takes the first unmatched prediction that fits
    free = list(pred)
    matched = 0
    dated = dated_right = 0
    for g in events:
        hit = next((p for p in free if _dyad(p, g)), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
        if g["date"]:
            # the date of the event of that type, whoever the prediction says did it
            dated += 1
            same = hit or next((p for p in pred if p["type"] in g["types"]), None)
            # a time of that day is that day ("4 a.m. on Wednesday")
            dated_right += same is not None and (same["date"] or "").startswith(g["date"])
    return {"tp": gold_types & pred_types, "fp": pred_types - gold_types, "fn": gold_types - pred_types,
            "dyads": matched, "fitted": sum(1 for g in events if any(_dyad(p, g) for p in pred)),
            "predicted_events": len(pred), "gold_events": len(events),
            "empty": not events, "empty_with_events": not events and bool(pred),
            "dated": dated, "dated_right": dated_right}


class _Tally:
    def __init__(self):
        self.counts: Counter = Counter()

    def add(self, s: dict[str, Any]) -> None:
        c = self.counts
        c["sentences"] += 1
        c["tp"] += len(s["tp"])
        c["fp"] += len(s["fp"])
        c["fn"] += len(s["fn"])
        c["dyads"] += s["dyads"]
        c["fitted"] += s["fitted"]
        c["predicted_events"] += s["predicted_events"]
        c["gold_events"] += s["gold_events"]
        c["empty"] += s["empty"]
        c["empty_with_events"] += s["empty_with_events"]
        c["dated"] += s["dated"]
        c["dated_right"] += s["dated_right"]

    def figures(self) -> dict[str, Any]:
        c = self.counts
        return {
            "sentences": c["sentences"],
            "types": prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"]),
            "dyads": prf(c["dyads"], c["predicted_events"], c["gold_events"]),
            "dyad_accuracy": round(c["fitted"] / c["gold_events"], 4) if c["gold_events"] else 0.0,
            "gold_events": c["gold_events"],
            "sentences_without_events": c["empty"],
            "false_positive_rate": round(c["empty_with_events"] / c["empty"], 4) if c["empty"] else None,
            "dated_events": c["dated"],
            "date_accuracy": round(c["dated_right"] / c["dated"], 4) if c["dated"] else None,
        }


def score_events(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    total = _Tally()
    phenomena: dict[str, _Tally] = defaultdict(_Tally)
    per_type = {t: Counter() for t in TYPES}
    details = []
    for gold, _, result in analysed(analyzer, records, lambda where, record: gold_events(record, where)):
        s = _sentence(gold, predicted_events(result))
        total.add(s)
        if gold["phenomenon"]:
            phenomena[gold["phenomenon"]].add(s)
        for key in ("tp", "fp", "fn"):
            for t in s[key]:
                per_type[t][key] += 1
        details.append({"id": result["id"], "gold": sorted(s["tp"] | s["fn"]), "predicted": sorted(s["tp"] | s["fp"]),
                        "dyads_matched": s["fitted"], "gold_events": s["gold_events"]})
    figures = total.figures()
    figures["per_type"] = {t: prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"]) for t, c in per_type.items()
                           if c["tp"] + c["fp"] + c["fn"]}
    if phenomena:
        figures["per_phenomenon"] = {name: tally.figures() for name, tally in sorted(phenomena.items())}
    figures["sentences_detail"] = details
    return figures
