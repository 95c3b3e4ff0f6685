"""Evaluation against gold files: one scorer per layer, each taking an Analyzer and gold records
[(where, record)] and returning a JSON-ready dict of figures (printing them is a shell's job:
`render/figures.py`). `SCORERS` is the one registry the CLI and the evaluation gate read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .events import score_events
from .geo import score_geo
from .gold import read_gold
from .quotes import score_quotes
from .summary import score_summary
from .time import score_time

Score = Callable[[Any, Iterable[tuple[str, dict]]], dict[str, Any]]


@dataclass(frozen=True)
class Scorer:
    score: Score
    about: str  # one line on what it measures


SCORERS: dict[str, Scorer] = {
    "quotes": Scorer(score_quotes, "Quote content P/R/F1 (exact, ≥0.8, ≥0.3 word overlap), speaker and cue "
                                   "accuracy, per kind."),
    "events": Scorer(score_events, "PLOVER type P/R/F1 per sentence, per-type table, dyad accuracy, "
                                   "false-positive rate; the JSON figures add each sentence's types."),
    "time": Scorer(score_time, "Temporal expressions: span P/R/F1 strict and relaxed, value F1 (TempEval-3)."),
    "geo": Scorer(score_geo, "Toponym resolution: accuracy within 161 km, mean and median error, AUC."),
    "summary": Scorer(score_summary, "Extractive summary: ROUGE-1/2/Lsum F1 (stemmed), beside Lead-3."),
}

__all__ = ["SCORERS", "Scorer", "read_gold"]
