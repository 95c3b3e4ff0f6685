"""`eventwire eval quotes GOLD.jsonl`: quote extraction against gold quotes.

Gold: one document a line, {id, text, published?, quotes: [{content: [start, end],
content_text, cue_text, source_text, source_span: [start, end] | null, kind,
attribution_id?}]}. Records sharing an attribution_id are the parts of one quote.

Content is compared as sets of word tokens (runs of letters and digits). Overlap of a
predicted and a gold quote = shared words / words of the longer of the two; quotes are
matched one to one, best overlap first, at three levels: exact (the same words), ≥ 0.8
and ≥ 0.3. On quotes matched at ≥ 0.3: the speaker is right when both are empty or the
two speaker spans share a word; the cue is right when the texts are equal ignoring case.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable

from ..errors import InputError
from .gold import analysed, prf

WORD = re.compile(r"\w+")
LEVELS = (("exact", 1.0), ("0.8", 0.8), ("0.3", 0.3))


def words(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the words inside the spans."""
    out = set()
    for start, end in spans:
        for match in WORD.finditer(text, start, end):
            out.add(match.start())
    return frozenset(out)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def gold_quotes(record: dict, where: str) -> list[dict]:
    groups: dict[Any, list[dict]] = defaultdict(list)
    for n, item in enumerate(record.get("quotes", [])):
        try:
            start, end = item["content"]
        except (KeyError, TypeError, ValueError):
            raise InputError(where, f'quote {n + 1} has no "content": [start, end]', "add the content offsets") from None
        key = item.get("attribution_id")
        groups[key if key is not None else ("single", n)].append(item)
    text = record["text"]
    quotes = []
    for parts in groups.values():
        first = parts[0]
        source = first.get("source_span")
        quotes.append({
            "words": words(text, [tuple(p["content"]) for p in parts]),
            "kind": first.get("kind"),
            "speaker": words(text, [tuple(source)]) if source else frozenset(),
            "cue": (first.get("cue_text") or "").strip().lower(),
        })
    return quotes


def predicted_quotes(result: dict) -> list[dict]:
    text = result["text"]
    out = []
    for quote in result["quotes"]:
        speaker = quote["speaker"]
        out.append({
            "words": words(text, [(p["start"], p["end"]) for p in quote["content"]]),
            "kind": quote["kind"],
            "speaker": words(text, [(speaker["start"], speaker["end"])]) if speaker else frozenset(),
            "cue": (quote["cue"]["text"] if quote["cue"] else "").strip().lower(),
        })
    return out


def match(predicted: list[dict], gold: list[dict], threshold: float) -> list[tuple[dict, dict]]:
    pairs = []
    for p in predicted:
        for g in gold:
            score = overlap(p["words"], g["words"])
            ok = p["words"] == g["words"] if threshold >= 1.0 else score >= threshold
            if ok:
                pairs.append((score, id(p), id(g), p, g))
    pairs.sort(key=lambda x: -x[0])
    used_p, used_g, out = set(), set(), []
    for _, ip, ig, p, g in pairs:
        if ip in used_p or ig in used_g:
            continue
        used_p.add(ip)
        used_g.add(ig)
        out.append((p, g))
    return out


def score_quotes(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    """Figures for gold records [(where, record)], overall and per kind."""
    all_pred: list[dict] = []
    all_gold: list[dict] = []
    per_doc: list[tuple[list[dict], list[dict]]] = []
    for gold, _, result in analysed(analyzer, records, lambda where, record: gold_quotes(record, where)):
        pred = predicted_quotes(result)
        per_doc.append((pred, gold))
        all_pred += pred
        all_gold += gold
    figures: dict[str, Any] = {"documents": len(per_doc), "content": {}, "by_kind": {}}
    for name, threshold in LEVELS:
        pairs = [pair for pred, gold in per_doc for pair in match(pred, gold, threshold)]
        figures["content"][name] = prf(len(pairs), len(all_pred), len(all_gold))
        if name == "0.3":
            speaker_ok = sum(1 for p, g in pairs if (not p["speaker"] and not g["speaker"]) or (p["speaker"] & g["speaker"]))
            cue_ok = sum(1 for p, g in pairs if p["cue"] == g["cue"])
            figures["speaker_accuracy"] = round(speaker_ok / len(pairs), 4) if pairs else 0.0
            figures["cue_accuracy"] = round(cue_ok / len(pairs), 4) if pairs else 0.0
    for kind in ("direct", "mixed", "indirect"):
        figures["by_kind"][kind] = {}
        for name, threshold in LEVELS:
            matched = 0
            for pred, gold in per_doc:
                pairs = match([p for p in pred if p["kind"] == kind], [g for g in gold if g["kind"] == kind], threshold)
                matched += len(pairs)
            figures["by_kind"][kind][name] = prf(
                matched, sum(p["kind"] == kind for p in all_pred), sum(g["kind"] == kind for g in all_gold))
    return figures


