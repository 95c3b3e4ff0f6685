"""`eventwire eval summary GOLD.jsonl`: the extractive summary against reference summaries.

Gold: one article a line, {id, text, reference}, the reference's sentences one a line.
Scored with the rouge-score package (stemming on): ROUGE-1, ROUGE-2 and ROUGE-Lsum F1,
averaged over articles, for eventwire's summary and, in the same run, for Lead-3 (the
first three sentences after the headline), the baseline it must beat on news.
"""

from __future__ import annotations

import statistics
from typing import Any, Iterable

from ..errors import InputError
from .gold import analysed

METRICS = ("rouge1", "rouge2", "rougeLsum")


def _reference(where: str, record: dict) -> str:
    reference = record.get("reference")
    if not isinstance(reference, str) or not reference.strip():
        raise InputError(where, 'the record has no "reference" text', "give the reference summary, one sentence a line")
    return reference.strip()


def score_summary(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    from rouge_score import rouge_scorer

    from ..stages.summary import lead

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    ours: dict[str, list[float]] = {m: [] for m in METRICS}
    baseline: dict[str, list[float]] = {m: [] for m in METRICS}
    per_article = []
    for reference, article, result in analysed(analyzer, records, _reference):
        summary = "\n".join(s["text"].strip() for s in result["summary"])
        lead3 = "\n".join(article.text[s.start:s.end].strip() for s in lead(analyzer.nlp(article.text), article.headline))
        mine, theirs = scorer.score(reference, summary), scorer.score(reference, lead3)
        for m in METRICS:
            ours[m].append(mine[m].fmeasure)
            baseline[m].append(theirs[m].fmeasure)
        per_article.append({"id": article.id, "rouge1": round(mine["rouge1"].fmeasure, 4),
                            "lead3_rouge1": round(theirs["rouge1"].fmeasure, 4)})
    mean = lambda xs: round(statistics.fmean(xs), 4) if xs else 0.0
    return {
        "articles": len(per_article),
        "eventwire": {m: mean(ours[m]) for m in METRICS},
        "lead3": {m: mean(baseline[m]) for m in METRICS},
        "articles_better_than_lead3": sum(a["rouge1"] > a["lead3_rouge1"] for a in per_article),
        "articles_worse_than_lead3": sum(a["rouge1"] < a["lead3_rouge1"] for a in per_article),
        "per_article": per_article,
    }


