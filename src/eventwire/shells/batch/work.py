"""What runs on a Dask worker: one Analyzer per worker process, loaded at its first job and kept,
analysing a job's articles with nlp.pipe batches.

Before the first article and after each one the job reports to the driver through a Dask event
(`Client.log_event`, which returns once the scheduler has it), so the driver knows which article
a job is on and for how long, even when the worker is then killed or stuck inside spaCy.
"""

from __future__ import annotations

import threading
from typing import Any

from distributed import get_client, get_worker

from ...core.analyzer import Analyzer
from ...document.article import Article, Failure
from ...settings import Settings

_analyzers: dict[Settings, Analyzer] = {}
# A worker started with several threads shares its Analyzer: spaCy's pipeline is not made to be
# run by two threads at once, so they take turns (start workers with one thread each).
_lock = threading.Lock()


def analyzer_for(settings: Settings) -> Analyzer:
    """This process's Analyzer for `settings`, loaded once."""
    analyzer = _analyzers.get(settings)
    if analyzer is None:
        analyzer = _analyzers[settings] = Analyzer(settings)
    return analyzer


def report(topic: str, job: int, done: int) -> None:
    """Tell the driver that job `job` has finished `done` of its articles (0: it has started)."""
    get_client().log_event(topic, {"job": job, "done": done, "worker": get_worker().address})


def analyze_job(settings: Settings, articles: list[Article], topic: str, job: int) -> list[dict[str, Any] | Failure]:
    """The records (or Failures) of a job's articles, in order."""
    with _lock:
        analyzer = analyzer_for(settings)
        report(topic, job, 0)  # after the model is loaded: loading is not the articles' time
        results = []
        for result in analyzer.analyze_many(articles):
            results.append(result)
            report(topic, job, len(results))
        return results
