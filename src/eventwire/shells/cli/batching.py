"""What `analyze` and `ingest` share for a batch: the options that say where the articles are
analysed (in this process, or on Dask workers) and with what limits, and the one function that
turns articles into records there.

One worker or none keeps the analysis in this process (`--processes` still spreads it over local
processes there); `--workers N` (N >= 2) starts a Dask LocalCluster of N processes, and
`--scheduler` sends the articles to an existing Dask cluster. Either way the records come back
in input order to this process, which alone writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import click

from ...document.article import Article, Failure
from ...settings import MAX_CHARS, Settings

DEFAULT_TIMEOUT = 180.0  # as shells.batch.driver.DEFAULT_TIMEOUT, without importing Dask for --help


@dataclass(frozen=True)
class BatchOptions:
    workers: int | None = None
    scheduler: str | None = None
    timeout: float | None = None  # None: the default, DEFAULT_TIMEOUT
    quiet: bool = False

    @property
    def on_dask(self) -> bool:
        return self.scheduler is not None or (self.workers or 0) > 1


def batch_options(command: Callable) -> Callable:
    """The options of a batch, added to a command, gathered by `batch_from` into BatchOptions."""
    for option in reversed((
        click.option("--workers", type=click.IntRange(min=0), default=None, metavar="N",
                     help="Analyse on a Dask LocalCluster of N worker processes (1 or 0: in this process)."),
        click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
                     help="Analyse on an existing Dask cluster: its scheduler's address."),
        click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
                     help=f"Time limit per article on Dask workers; one over it fails with reason timeout "
                          f"[default: {DEFAULT_TIMEOUT:g}]."),
        click.option("--max-chars", type=click.IntRange(min=1), default=None, metavar="N",
                     help=f"Longest article accepted, in characters; a longer one fails with reason size "
                          f"[default: {MAX_CHARS:,}]."),
        click.option("--quiet", is_flag=True, help="No progress bar and no line about the cluster (errors and the closing counts still go to "
                          "standard error)."),
    )):
        command = option(command)
    return command


def batch_from(workers, scheduler, timeout, quiet, processes) -> BatchOptions:
    """BatchOptions from the command's options; a usage error when they contradict each other."""
    from .common import fail

    if scheduler is not None and workers is not None:
        fail("--workers starts a cluster here and --scheduler uses one that runs already — give one of them")
    if (scheduler is not None or (workers or 0) > 1) and processes is not None and processes > 1:
        fail("--processes spreads the analysis over this machine's processes without Dask — give it or "
             "--workers/--scheduler, not both")
    batch = BatchOptions(workers, scheduler, timeout, quiet)
    if timeout is not None and not batch.on_dask:
        click.echo("warning: --timeout applies on Dask workers (--workers 2 or more, or --scheduler); in this "
                   "process an article runs to its end", err=True)
    return batch


def analyse(items: Iterable[Article | Failure], settings: Settings, batch: BatchOptions,
            counts: Any = None) -> Iterator[dict[str, Any] | Failure]:
    """A record or a Failure for each item, in input order: in this process, or on Dask. The model
    (or the cluster) is started when the first item is asked for."""
    if not batch.on_dask:
        from ...core.analyzer import Analyzer  # spaCy loads only when there is work

        yield from Analyzer(settings).analyze_many(items)
        return
    from ..batch.cluster import open_cluster
    from ..batch.driver import Limits, analyze_on_dask

    with open_cluster(batch.workers, batch.scheduler) as cluster:
        if not batch.quiet:
            where = f"; dashboard {cluster.dashboard}" if cluster.dashboard else ""
            click.echo(f"analysing on Dask: {cluster.about}{where}", err=True)
        limits = Limits(timeout=batch.timeout or DEFAULT_TIMEOUT, batch_size=settings.batch_size)
        yield from analyze_on_dask(cluster.client, items, settings, limits, counts)


def reason_of(failure: Failure, default: str) -> str:
    """Why an input failed, in one word: timeout and worker from Dask, size for an input over a
    limit, else `default` (read, analysis)."""
    reason = getattr(failure, "reason", None)
    if reason:
        return reason
    if "over the limit of" in failure.message:  # the readers' messages for a text or file too long
        return "size"
    return default
