"""The driver: articles out to Dask workers in jobs, records back in input order.

    for result in analyze_on_dask(client, items, settings, Limits(timeout=180)):
        ...   # a record, or a Failure, for each item, in input order

A job is a list of articles that one worker analyses with nlp.pipe batches (`work.analyze_job`).
Jobs start at one article and double up to the batch size, so the first record comes back soon
and a small input is spread over every worker; at most two jobs per worker thread are out at
once, and at most `Limits.ahead` articles are read and not yet handed back, so memory stays flat.

Each job reports when it starts and after each article (a Dask event), so the driver knows which
article a job is on and since when:

- **time limit**: an article that has run longer than `Limits.timeout` seconds has its worker
  restarted (a thread cannot be stopped inside spaCy's C code). Alone in its job, it is a
  `Lost` failure with reason `timeout`; in a job with others, it is sent again alone, with the
  whole limit, and the others go on as a new job.
- **a worker that dies** (the scheduler is told to report the first death instead of retrying the
  job itself): the article the job was on is sent again alone, the others as a new job; an article
  whose worker has died `Limits.retries + 1` times is a `Lost` failure with reason `worker`. A
  job that was waiting on the worker and had not started is sent again as it was.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from distributed import Client, Future, as_completed
from distributed.scheduler import KilledWorker

from ...document.article import Article, Failure
from ...errors import EventwireError
from ...settings import Settings
from .work import analyze_job

DEFAULT_TIMEOUT = 180.0  # seconds an article may take; a long news article takes one or two
TICK = 0.05  # seconds between looks at the jobs and their clocks while none finishes


@dataclass
class Lost(Failure):
    """An article the batch gave up on: `reason` is `timeout` or `worker`."""

    reason: str = "worker"


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT  # seconds an article may run on a worker
    retries: int = 2  # more tries on another worker for an article whose worker died
    batch_size: int = 16  # articles per job, at most
    ahead: int = 2000  # articles read and not yet handed back, at most


@dataclass
class Job:
    number: int
    items: list[tuple[int, Article]]  # (place in the input, article)
    future: Future | None = None
    worker: str | None = None
    done: int = -1  # articles finished as last reported; -1 until the job is seen to start
    since: float = 0.0  # the driver's clock at that report
    unstarted_deaths: int = 0  # its worker died before it started (it was waiting there)


@dataclass
class Counts:
    """What happened on the way, for the summary."""

    jobs: int = 0
    restarts: int = 0  # workers restarted for an article over the time limit
    deaths: int = 0  # jobs whose worker died under them
    resent: int = 0  # articles sent again


class Driver:
    def __init__(self, client: Client, settings: Settings, limits: Limits,
                 task: Callable[..., list] = analyze_job):
        self.client = client
        self.settings = settings.with_(processes=1)  # a worker analyses in its own process
        self.limits = limits
        self.task = task
        self.topic = f"eventwire-{uuid.uuid4().hex[:12]}"  # this run's reports, on a shared cluster too
        self.jobs: dict[int, Job] = {}
        self.numbers = iter(range(1, 1 << 62))
        self.lock = threading.Lock()
        self.deaths: dict[int, int] = defaultdict(int)  # place in the input -> its workers' deaths
        self.counts = Counts()
        self.slots = 2
        self.slots_at = 0.0
        self.by_key: dict[str, Job] = {}
        # Results are fetched in the client's event loop as jobs end, never by this thread: a worker
        # that holds a result and is then stuck in spaCy on its next job would stall the driver.
        self.completed = as_completed([], loop=client.loop, with_results=True, raise_errors=False)

    def _on_report(self, event: tuple[float, dict[str, Any]]) -> None:
        # runs in the client's event-loop thread
        message = event[1]
        with self.lock:
            job = self.jobs.get(message["job"])
            if job is not None and message["done"] >= job.done:
                job.done, job.worker, job.since = message["done"], message["worker"], time.monotonic()

    def _window(self) -> int:
        """Jobs out at once: two per worker thread, asked of the scheduler once a second."""
        now = time.monotonic()
        if now - self.slots_at > 1.0:
            self.slots = max(2, 2 * sum(self.client.nthreads().values()))
            self.slots_at = now
        return self.slots

    def _submit(self, items: list[tuple[int, Article]], unstarted_deaths: int = 0) -> None:
        job = Job(next(self.numbers), items, unstarted_deaths=unstarted_deaths)
        with self.lock:
            self.jobs[job.number] = job
        job.future = self.client.submit(self.task, self.settings, [a for _, a in items], self.topic, job.number,
                                        key=f"eventwire-{self.topic[10:]}-{job.number}", pure=False)
        self.by_key[job.future.key] = job
        self.completed.add(job.future)
        self.counts.jobs += 1

    def _forget(self, job: Job) -> None:
        with self.lock:
            self.jobs.pop(job.number, None)
        if job.future is not None:
            self.by_key.pop(job.future.key, None)
            job.future.release()  # its result is not kept on the worker (nor made again if that one dies)
        job.future = None

    def run(self, items: Iterable[Article | Failure]) -> Iterator[dict[str, Any] | Failure]:
        self.client.subscribe_topic(self.topic, self._on_report)
        try:
            yield from self._run(items)
        finally:
            self.client.unsubscribe_topic(self.topic)
            for job in list(self.jobs.values()):  # a run stopped early leaves nothing running
                if job.future is not None:
                    job.future.cancel()

    def _run(self, items: Iterable[Article | Failure]) -> Iterator[dict[str, Any] | Failure]:
        source = enumerate(items)
        ready: dict[int, dict[str, Any] | Failure] = {}
        again: deque[tuple[list[tuple[int, Article]], int]] = deque()  # jobs to send again, first
        read = handed = 0
        size, exhausted = 1, False
        while True:
            while again:
                self._submit(*again.popleft())
            while not exhausted and len(self.jobs) < self._window() and read - handed < self.limits.ahead:
                batch: list[tuple[int, Article]] = []
                for place, item in source:
                    read = place + 1
                    if isinstance(item, Failure):
                        ready[place] = item  # an input that could not be read passes straight through
                    else:
                        batch.append((place, item))
                    if len(batch) >= size:
                        break
                else:
                    exhausted = True
                if batch:
                    self._submit(batch)
                    size = min(2 * size, self.limits.batch_size)
            while handed in ready:
                yield ready.pop(handed)
                handed += 1
            if exhausted and not self.jobs and not again:
                return
            for job, result in self._finished():
                self._collect(job, result, ready, again)
            self._check_clocks(ready, again)

    def _finished(self) -> list[tuple[Job, Any]]:
        """The jobs that ended since the last look, with their results, after a short wait if none."""
        if not self.completed.has_ready():
            time.sleep(TICK)
        return [(self.by_key[future.key], result) for future, result in self.completed.next_batch(block=False)
                if future.key in self.by_key]

    def _collect(self, job: Job, result: Any, ready: dict, again: deque) -> None:
        # Judged by what came back, not by the future's status now: a result fetched just before
        # its worker died is good, though the future is "lost" by the time we look.
        error = result[1] if isinstance(result, tuple) and len(result) == 3 else None
        self._forget(job)
        if isinstance(result, list):
            for (place, _), record in zip(job.items, result):
                ready[place] = record
        elif isinstance(error, KilledWorker) or error is None:  # None: cancelled by the cluster, not us
            self._worker_died(job, ready, again)
        elif isinstance(error, EventwireError):
            raise EventwireError(f"a worker could not analyse: {error}")
        elif error is not None:
            raise EventwireError(f"a worker failed with {type(error).__name__}: {error} — the records "
                                 "handed back before this are complete")

    def _worker_died(self, job: Job, ready: dict, again: deque) -> None:
        self.counts.deaths += 1
        if job.done < 0 or job.done >= len(job.items):
            # it was waiting on that worker (or had finished all but the handing back): no article is
            # to blame; sent again as it was, and article by article if that keeps happening
            if job.unstarted_deaths < self.limits.retries:
                again.append((job.items, job.unstarted_deaths + 1))
                return
            job.done = 0
        place, article = job.items[job.done]
        self.deaths[place] += 1
        rest = job.items[:job.done] + job.items[job.done + 1:]
        if rest:
            again.append((rest, 0))
        if self.deaths[place] > self.limits.retries:
            ready[place] = Lost(article.id, article.origin, (
                f"{article.origin}: the worker analysing it died {self.deaths[place]} times (out of memory, "
                "or a crash in spaCy?) — it was given up; the rest of the batch went on"), reason="worker")
        else:
            again.append(([(place, article)], 0))
        self.counts.resent += len(rest) + (place not in ready)

    def _check_clocks(self, ready: dict, again: deque) -> None:
        now = time.monotonic()
        with self.lock:
            late = [job for job in self.jobs.values()
                    if job.future is not None and job.future.status == "pending"  # a dead worker's job errs
                    and 0 <= job.done < len(job.items) and now - job.since > self.limits.timeout]
        for job in late:
            job.future.cancel()
            self._forget(job)
            self._restart(job.worker)
            place, article = job.items[job.done]
            rest = job.items[:job.done] + job.items[job.done + 1:]
            if rest:
                again.append((rest, 0))
            if len(job.items) == 1:
                ready[place] = Lost(article.id, article.origin, (
                    f"{article.origin}: the analysis took over {self.limits.timeout:g} s, the time limit for one "
                    "article — it was stopped and the batch went on; split the article, or raise the limit"),
                    reason="timeout")
            else:
                again.append(([(place, article)], 0))  # alone, with the whole limit again
            self.counts.resent += len(rest) + (place not in ready)

    def _restart(self, worker: str | None) -> None:
        """Stop what a worker is doing: its nanny kills the process (a thread stuck in spaCy's C
        code answers nothing, so asking the worker to close would wait in vain) and starts a new
        one. The jobs waiting there come back as dead-worker errors and are sent again."""
        if worker is None:
            return
        self.counts.restarts += 1
        try:
            self.client.run(_kill_worker_process, workers=[worker], nanny=True)
        except Exception as err:
            if worker in self.client.scheduler_info().get("workers", {}):
                raise EventwireError(f"the worker {worker} is stuck on an article over the time limit and "
                                     f"could not be stopped ({err}) — start workers with a nanny "
                                     "(the default of `dask worker`)") from None


def _kill_worker_process(dask_worker=None) -> None:
    """Runs on a nanny: kill its worker process at once; the nanny starts a new one."""
    os.kill(dask_worker.pid, signal.SIGKILL)


def analyze_on_dask(client: Client, items: Iterable[Article | Failure], settings: Settings,
                    limits: Limits = Limits(), counts: Counts | None = None) -> Iterator[dict[str, Any] | Failure]:
    """A record or a Failure for each item, in input order, analysed on the cluster's workers."""
    driver = Driver(client, settings, limits)
    if counts is not None:
        driver.counts = counts
    yield from driver.run(items)
