"""The analyzer: load the model and knowledge once, analyse many articles.

    analyzer = Analyzer(Settings())
    record = analyzer.analyze("Zelensky says ...", published="2022-03-28")
    for result in analyzer.analyze_many(articles):   # Articles in, records/Failures out
        ...

Stages run in order over one Doc; each adds its layer. A stage that fails on one
article fails that article only (StageError), and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import defaultdict, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..document.article import Article, Failure, article_from_text, parse_published
from ..document.doc import start_document, to_record
from ..errors import EventwireError, StageError
from ..knowledge import Knowledge
from ..nlp.gazetteer import Gazetteer
from ..nlp.long_text import parse
from ..nlp.model import check_model, load_model
from ..settings import Settings
from ..stages import (
    actors,
    coref,
    entities,
    events,
    places,
    quotes,
    summary,
    timexes,
    when_where,
)
from ..stages.base import Resources, Stage, check_order

# The analysis, in order. Each stage declares the layers it reads and the ones it adds or rewrites;
# the Analyzer checks the order once, at start-up.
STAGES: tuple[Stage, ...] = (
    Stage("entities", entities.add_entities, assigns=("entities",)),
    # A place name read in the light of the story ("VALENCIA, Spain") gives its entity the right
    # country before anyone codes an actor by it; the places layer itself comes later, when the
    # actors' countries are known too.
    Stage("place_countries", places.settle_place_countries, requires=("entities",), assigns=("entities",)),
    Stage("actors", actors.add_actors, requires=("entities",), assigns=("entities", "actors")),
    Stage("coref", coref.add_coreference, requires=("entities", "actors"), assigns=("entities",)),
    Stage("quotes", quotes.add_quotes, requires=("entities", "actors"), assigns=("quotes",)),
    Stage("events", events.add_events, requires=("entities", "actors", "quotes"), assigns=("events",)),
    Stage("timexes", timexes.add_timexes, assigns=("timexes",)),
    # the places read the dates too: a word read as a date ("in March") is no place
    Stage("places", places.add_places, requires=("entities", "timexes"), assigns=("places", "entities")),
    Stage("when_where", when_where.add_when_where, requires=("events", "timexes", "places"), assigns=("events",)),
    Stage("summary", summary.add_summary, requires=("entities",), assigns=("summary",)),
)


class Analyzer:
    """Loads the spaCy model and knowledge once; analyses any number of articles."""

    def __init__(self, settings: Settings | None = None, knowledge: Knowledge | None = None):
        self.settings = settings or Settings()
        check_order(STAGES)
        self.knowledge = knowledge or Knowledge.load(self.settings.actor_files, self.settings.cache_dir)
        self.stage_seconds: dict[str, float] = defaultdict(float)
        self.nlp: Language | None = None
        self.resources: Resources | None = None
        if self.settings.processes > 1:
            # The workers parse; this process only hands out articles. It checks that the model
            # exists, so a wrong name fails here and not in every worker, but does not load it.
            check_model(self.settings.model)
        else:
            self._load_model()

    def _load_model(self) -> None:
        self.nlp = load_model(self.settings.model)
        gazetteer = Gazetteer(self.nlp, self.knowledge, self.settings.cache_dir)
        self.resources = Resources(self.settings, self.knowledge, gazetteer)

    def analyze(self, text: str, published: str | date | None = None, id: str = "text",
                headline: str | None = None) -> dict[str, Any]:
        """Analyse one text; raises InputError for unusable input."""
        when = parse_published(published, id) if published is not None else None
        article = article_from_text(text, id, origin=id, published=when, max_chars=self.settings.max_chars)
        if when is not None:
            article.published_from = "option"
        result = next(self._analyze_here([article]))
        if isinstance(result, Failure):
            raise EventwireError(result.message)
        return result

    def analyze_many(self, items: Iterable[Article | Failure]) -> Iterator[dict[str, Any] | Failure]:
        """Records (or Failures) in input order. Failures pass straight through."""
        if self.settings.processes > 1:
            yield from self._analyze_parallel(items)
            return
        yield from self._analyze_here(items)

    def _analyze_here(self, items: Iterable[Article | Failure]) -> Iterator[dict[str, Any] | Failure]:
        if self.nlp is None:
            self._load_model()
        pending: list[Article | Failure] = []
        for item in items:
            pending.append(item)
            if len(pending) >= self.settings.batch_size:
                yield from self._run_batch(pending)
                pending = []
        if pending:
            yield from self._run_batch(pending)

    def _run_batch(self, batch: list[Article | Failure]) -> Iterator[dict[str, Any] | Failure]:
        articles = [item for item in batch if isinstance(item, Article)]
        started = time.perf_counter()
        docs = iter(parse(self.nlp, [a.text for a in articles], self.settings.batch_size))
        self.stage_seconds["spacy"] += time.perf_counter() - started
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            started = time.perf_counter()
            doc = next(docs)
            self.stage_seconds["spacy"] += time.perf_counter() - started
            yield self.run_stages(doc, item)

    def run_stages(self, doc: Doc, article: Article) -> dict[str, Any] | Failure:
        start_document(doc, article)
        for stage in STAGES:
            name = stage.name
            started = time.perf_counter()
            try:
                stage.run(doc, self.resources)
            except EventwireError as err:
                return Failure(article.id, article.origin, str(err))
            except Exception as err:  # a bug in one stage must not sink the batch
                return Failure(article.id, article.origin, str(StageError(name, article.origin, err)))
            finally:
                self.stage_seconds[name] += time.perf_counter() - started
        return to_record(doc)

    def _analyze_parallel(self, items: Iterable[Article | Failure]) -> Iterator[dict[str, Any] | Failure]:
        """Chunks of articles to worker processes, results back in input order.

        On Linux the workers are forked after the knowledge is loaded, so they share it instead
        of reading it again; each loads the model once. Chunks start at one article and double up
        to the batch size, so a small batch is spread over every worker at once and a long one
        moves in batches; at most two chunks per worker are in flight, so memory stays flat."""
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        workers = self.settings.processes
        in_flight: deque[Future] = deque()
        chunk: list[Article | Failure] = []
        size = 1
        try:
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                     initargs=(self.settings.with_(processes=1), self.knowledge)) as pool:
                for item in items:
                    chunk.append(item)
                    if len(chunk) >= size:
                        in_flight.append(pool.submit(_work, chunk))
                        chunk = []
                        size = min(2 * size, self.settings.batch_size)
                        while len(in_flight) > 2 * workers:
                            yield from in_flight.popleft().result()
                if chunk:
                    in_flight.append(pool.submit(_work, chunk))
                while in_flight:
                    yield from in_flight.popleft().result()
        except BrokenProcessPool:
            raise EventwireError("a worker process died (most often for lack of memory) — run again with "
                                 "fewer processes or a smaller batch size; the records written so far are "
                                 "complete") from None


_worker: Analyzer | None = None


def _start_worker(settings: Settings, knowledge: Knowledge) -> None:
    global _worker
    _worker = Analyzer(settings, knowledge)


def _work(chunk: list[Article | Failure]) -> list[dict[str, Any] | Failure]:
    assert _worker is not None
    return list(_worker.analyze_many(chunk))


def analyze(text: str, published: str | date | None = None, settings: Settings | None = None,
            **kwargs) -> dict[str, Any]:
    """Analyse one article (loads the model on every call: use Analyzer for many)."""
    return Analyzer(settings).analyze(text, published=published, **kwargs)
