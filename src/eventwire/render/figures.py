"""Evaluation figures (the dicts `eventwire.evaluate` scorers return) as text tables for people."""

from __future__ import annotations

from typing import Any

QUOTE_LEVELS = ("exact", "0.8", "0.3")  # the overlap levels `score_quotes` reports, in order


def format_quotes(figures: dict[str, Any]) -> str:
    lines = [f"quotes: {figures['documents']} documents"]
    lines.append(f"{'content':<22}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}")
    for name in QUOTE_LEVELS:
        f = figures["content"][name]
        lines.append(f"{'overlap ' + name:<22}{f['precision']:>8.3f}{f['recall']:>8.3f}{f['f1']:>8.3f}{f['predicted']:>7}{f['gold']:>7}")
    lines.append(f"speaker accuracy (matched ≥0.3): {figures['speaker_accuracy']:.3f}")
    lines.append(f"cue accuracy (matched ≥0.3):     {figures['cue_accuracy']:.3f}")
    for kind, levels in figures["by_kind"].items():
        for name in QUOTE_LEVELS:
            f = levels[name]
            lines.append(f"{kind + ' ' + name:<22}{f['precision']:>8.3f}{f['recall']:>8.3f}{f['f1']:>8.3f}{f['predicted']:>7}{f['gold']:>7}")
    return "\n".join(lines)


def format_events(figures: dict[str, Any]) -> str:
    t, d = figures["types"], figures["dyads"]
    lines = [f"events: {figures['sentences']} sentences, {figures['gold_events']} gold events",
             f"types (micro)   P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}",
             f"dyads           P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
             f"   (gold events some prediction fits: {figures['dyad_accuracy']:.3f})",
             "false-positive rate on sentences without events: " + _rate(figures),
             *([f"dates right: {figures['date_accuracy']:.3f} of {figures['dated_events']} dated gold events"]
               if figures.get("date_accuracy") is not None else []),
             f"{'type':<11}{'P':>7}{'R':>7}{'F1':>7}{'pred':>6}{'gold':>6}"]
    for name, f in sorted(figures["per_type"].items()):
        lines.append(f"{name:<11}{f['precision']:>7.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}{f['predicted']:>6}{f['gold']:>6}")
    if figures.get("per_phenomenon"):
        lines.append(f"{'phenomenon':<16}{'sents':>6}{'type F1':>9}{'dyad F1':>9}{'no-event FP':>13}{'dates':>7}")
        for name, f in figures["per_phenomenon"].items():
            rate = "n/a" if f["false_positive_rate"] is None else f"{f['false_positive_rate']:.3f}"
            dates = "n/a" if f.get("date_accuracy") is None else f"{f['date_accuracy']:.3f}"
            lines.append(f"{name:<16}{f['sentences']:>6}{f['types']['f1']:>9.3f}{f['dyads']['f1']:>9.3f}{rate:>13}"
                         f"{dates:>7}")
    return "\n".join(lines)


def _rate(figures: dict[str, Any]) -> str:
    if figures["false_positive_rate"] is None:
        return "n/a (none in the gold)"
    return f"{figures['false_positive_rate']:.3f} of {figures['sentences_without_events']}"


def format_time(figures: dict[str, Any]) -> str:
    lines = [f"time: {figures['passages']} passages, {figures['strict']['gold']} gold timexes, "
             f"{figures['strict']['predicted']} found",
             f"{'':20}{'P':>7}{'R':>7}{'F1':>7}"]
    for name in ("strict", "relaxed", "value"):
        f = figures[name]
        lines.append(f"{name + (' span' if name != 'value' else ''):20}{f['precision']:7.3f}{f['recall']:7.3f}{f['f1']:7.3f}")
    lines.append(f"type accuracy (relaxed matches) {figures['type_accuracy']:.3f}")
    for kind, row in figures["value_by_type"].items():
        lines.append(f"  {kind:<9} {row['correct']}/{row['gold']} values right")
    if figures["errors"]:
        lines.append(f"{len(figures['errors'])} gold timexes missed or mis-valued (listed in the JSON figures)")
    return "\n".join(lines)


def format_geo(figures: dict[str, Any]) -> str:
    return "\n".join([
        f"geo: {figures['documents']} documents, {figures['toponyms']} gold toponyms, {figures['detected']} detected",
        f"accuracy within 161 km   {figures['acc_161']:.3f}",
        f"mean error               {figures['mean_km']:.1f} km",
        f"median error             {figures['median_km']:.1f} km",
        f"AUC (lower is better)    {figures['auc']:.3f}",
    ])


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


# One text table per scorer in eventwire.evaluate.SCORERS (a test keeps the two in step).
FORMATTERS = {"quotes": format_quotes, "events": format_events, "time": format_time, "geo": format_geo,
              "summary": format_summary}
