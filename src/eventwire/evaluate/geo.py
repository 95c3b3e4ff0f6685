"""`eventwire eval geo GOLD.jsonl`: toponym resolution against gold coordinates.

Gold: one document a line, {id, text, toponyms: [{span: [start, end], text, lat, lon}]}
(the format of GeoVirus). Each gold toponym takes the predicted place whose span
overlaps it; its error is the great-circle distance in km between the two points, and
a toponym with no overlapping prediction, or one the system could not place, counts as
20,039 km (half the earth's circumference), as in Gritta et al. (2018). Reported:
accuracy within 161 km (100 miles), mean and median error, and AUC — the mean of
ln(1 + error) over all toponyms divided by ln(1 + 20,039): 0 is perfect, 1 is worst.
"""

from __future__ import annotations

import math
import statistics
from typing import Any, Iterable

from ..document.article import Failure, article_from_record
from ..errors import EventwireError, InputError
from ..knowledge.places import distance_km

MISSED_KM = 20039.0


def score_geo(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    golds, articles = [], []
    for where, record in records:
        toponyms = record.get("toponyms")
        if not isinstance(toponyms, list):
            raise InputError(where, 'the record has no "toponyms" list', "give toponyms as [{span, lat, lon}]")
        golds.append(toponyms)
        articles.append(article_from_record(record, where, str(record.get("id", where))))
    errors: list[float] = []
    found = 0
    for gold, result in zip(golds, analyzer.analyze_many(articles)):
        if isinstance(result, Failure):
            raise EventwireError(result.message)
        predicted = [p for p in result["places"]]
        for toponym in gold:
            start, end = toponym["span"]
            match = next((p for p in predicted if p["span"]["start"] < end and start < p["span"]["end"]), None)
            if match is not None:
                found += 1
            if match is None or match["lat"] is None:
                errors.append(MISSED_KM)
            else:
                errors.append(distance_km(match["lat"], match["lon"], toponym["lat"], toponym["lon"]))
    n = len(errors)
    return {
        "documents": len(golds),
        "toponyms": n,
        "detected": found,
        "acc_161": round(sum(e <= 161 for e in errors) / n, 4) if n else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if n else 0.0,
        "median_km": round(statistics.median(errors), 1) if n else 0.0,
        "auc": round(statistics.fmean(math.log1p(e) for e in errors) / math.log1p(MISSED_KM), 4) if n else 0.0,
    }


def format_geo(figures: dict[str, Any]) -> str:
    return "\n".join([
        f"geo: {figures['documents']} documents, {figures['toponyms']} gold toponyms, {figures['detected']} detected",
        f"accuracy within 161 km   {figures['acc_161']:.3f}",
        f"mean error               {figures['mean_km']:.1f} km",
        f"median error             {figures['median_km']:.1f} km",
        f"AUC (lower is better)    {figures['auc']:.3f}",
    ])
