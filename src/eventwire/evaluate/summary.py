"""`eventwire eval summary GOLD.jsonl`: the extractive summary against reference summaries.

Gold: one article a line, {id, text, reference}, the reference's sentences one a line.
Scored with the rouge-score package (stemming on): ROUGE-1, ROUGE-2 and ROUGE-Lsum F1,
averaged over articles, for eventwire's summary and, in the same run, for Lead-3 (the
first three sentences after the headline), the baseline it must beat on news.
"""

from __future__ import annotations

import statistics
from typing import Any, Iterable

from ..document.article import Failure, article_from_record
from ..errors import EventwireError, InputError

METRICS = ("rouge1", "rouge2", "rougeLsum")


def score_summary(analyzer, records: Iterable[tuple[str, dict]]) -> dict[str, Any]:
    from rouge_score import rouge_scorer

    from ..stages.summary import lead

    references, articles = [], []
    for where, record in records:
        reference = record.get("reference")
        if not isinstance(reference, str) or not reference.strip():
            raise InputError(where, 'the record has no "reference" text', "give the reference summary, one sentence a line")
        article = article_from_record(record, where, str(record.get("id", where)))
        if isinstance(article, Failure):
            raise EventwireError(article.message)
        references.append(reference.strip())
        articles.append(article)
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    ours: dict[str, list[float]] = {m: [] for m in METRICS}
    baseline: dict[str, list[float]] = {m: [] for m in METRICS}
    per_article = []
    results = list(analyzer.analyze_many(articles))
    for reference, article, result in zip(references, articles, results):
        if isinstance(result, Failure):
            raise EventwireError(result.message)
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
        "articles": len(articles),
        "eventwire": {m: mean(ours[m]) for m in METRICS},
        "lead3": {m: mean(baseline[m]) for m in METRICS},
        "articles_better_than_lead3": sum(a["rouge1"] > a["lead3_rouge1"] for a in per_article),
        "articles_worse_than_lead3": sum(a["rouge1"] < a["lead3_rouge1"] for a in per_article),
        "per_article": per_article,
    }


def format_summary(figures: dict[str, Any]) -> str:
    lines = [f"summary: {figures['articles']} articles (ROUGE F1, stemmed)",
             f"{'':12}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>11}"]
    for name in ("eventwire", "lead3"):
        row = figures[name]
        label = "Lead-3" if name == "lead3" else name
        lines.append(f"{label:12}{row['rouge1']:9.4f}{row['rouge2']:9.4f}{row['rougeLsum']:11.4f}")
    lines.append(f"ROUGE-1 above Lead-3 on {figures['articles_better_than_lead3']} articles, "
                 f"below on {figures['articles_worse_than_lead3']}")
    return "\n".join(lines)
