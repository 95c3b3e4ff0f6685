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

from ..errors import InputError
from ..knowledge.places import distance_km
from .gold import analysed

MISSED_KM = 20039.0


def _gold_toponyms(where: str, record: dict) -> list[dict]:
    toponyms = record.get("toponyms")
    if not isinstance(toponyms, list):
        raise InputError(where, 'the record has no "toponyms" list', "give toponyms as [{span, lat, lon}]")
    return toponyms


def score_geo(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    errors: list[float] = []
    found = 0
    documents = 0
    for documents, (gold, _, result) in enumerate(analysed(analyzer, records, _gold_toponyms), 1):
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
        "documents": documents,
        "toponyms": n,
        "detected": found,
        "acc_161": round(sum(e <= 161 for e in errors) / n, 4) if n else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if n else 0.0,
        "median_km": round(statistics.median(errors), 1) if n else 0.0,
        "auc": round(statistics.fmean(math.log1p(e) for e in errors) / math.log1p(MISSED_KM), 4) if n else 0.0,
    }


