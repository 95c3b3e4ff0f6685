"""A Dask cluster to analyse on: a LocalCluster of worker processes started here, or the scheduler
of an existing cluster.

    with open_cluster(workers=4) as cluster:            # or open_cluster(scheduler="tcp://host:8786")
        cluster.client, cluster.dashboard, cluster.about

Each local worker is a process with one thread (spaCy's pipeline runs one document at a time in a
process; processes, not threads, use the cores). The scheduler is told to report a job whose worker
died at once instead of trying it again itself (`allowed_failures = 0`), because the driver knows
which article the job was on and retries that one alone; on an existing scheduler the old value is
put back at the end.

Dask's workers sample their tasks' stacks every 10 ms for the dashboard's profile, which holds
the GIL and slowed the analysis by a third (benchmarks/scale.py): a LocalCluster starts without
it, and on an existing cluster eventwire pauses it on the workers there at the start and resumes
it at the end.
"""

from __future__ import annotations

import importlib.util
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ...errors import ConfigError

CONNECT_SECONDS = 10  # to reach an existing scheduler
WORKERS_SECONDS = 60  # for an existing scheduler to have a worker


@dataclass
class Cluster:
    client: object  # distributed.Client
    about: str  # "a LocalCluster of 4 worker processes", "tcp://host:8786: 8 workers, 8 threads"
    dashboard: str | None  # the Dask dashboard's address, when the scheduler serves one


def _set_allowed_failures(value: int, dask_scheduler=None) -> int:
    old, dask_scheduler.allowed_failures = dask_scheduler.allowed_failures, value
    return old


def _set_profiling(on: bool, dask_worker=None) -> bool:
    """Start or stop a worker's statistical profiler; whether it was running."""
    callbacks = [dask_worker.periodic_callbacks.get(name) for name in ("profile", "profile-cycle")]
    callbacks = [c for c in callbacks if c is not None]
    was = any(c.is_running() for c in callbacks)
    for callback in callbacks:
        callback.start() if on else callback.stop()
    return was


def _has_bokeh() -> bool:
    return importlib.util.find_spec("bokeh") is not None


def _eventwire_version() -> str:
    from importlib.metadata import version

    return version("eventwire")


@contextmanager
def open_cluster(workers: int | None = None, scheduler: str | None = None) -> Iterator[Cluster]:
    """A client on a new LocalCluster of `workers` processes, or on the scheduler at `scheduler`;
    ConfigError when Dask is not installed or the scheduler cannot be used."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("batch analysis on Dask needs eventwire's dask group: bin/setup dask "
                          "(or pip install 'eventwire[dask]')") from None
    quiet = logging.CRITICAL  # what goes wrong is said by the driver, once, in eventwire's words
    logging.getLogger("distributed").setLevel(quiet)
    local = None
    with dask.config.set({"distributed.scheduler.allowed-failures": 0, "distributed.worker.profile.enabled": False}):
        if scheduler is None:
            local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                 dashboard_address=":0", silence_logs=quiet)  # any free port
            client = Client(local)
            about = f"a LocalCluster of {workers} worker processes"
        else:
            try:
                client = Client(scheduler, timeout=CONNECT_SECONDS)
            except (OSError, ValueError, TypeError) as err:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({err}) — start one with "
                                  "`dask scheduler` on that machine, or check the address (tcp://HOST:8786)") from None
    old_failures = None
    profiled: list[str] = []  # workers of an existing cluster whose profiler was paused
    try:
        if scheduler is not None:
            try:
                client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except TimeoutError:
                raise ConfigError(f"the Dask scheduler at {scheduler} has had no worker for {WORKERS_SECONDS} s — "
                                  f"start some: `dask worker {scheduler} --nthreads 1` on machines with eventwire "
                                  "installed") from None
            versions = set(client.run(_eventwire_version).values())
            if versions != {_eventwire_version()}:
                raise ConfigError(f"the Dask workers run eventwire {', '.join(sorted(versions))} and this is "
                                  f"{_eventwire_version()} — install the same eventwire everywhere")
            info = client.scheduler_info()
            threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
            about = f"{scheduler}: {len(info.get('workers', {}))} workers, {threads} threads"
            profiled = [w for w, was in client.run(_set_profiling, False).items() if was]
        old_failures = client.run_on_scheduler(_set_allowed_failures, 0)
        # The scheduler serves HTTP in any case; the dashboard's pages need bokeh where it runs.
        has_dashboard = client.run_on_scheduler(_has_bokeh)
        yield Cluster(client, about, client.dashboard_link if has_dashboard else None)
    finally:
        if scheduler is not None:
            try:
                if old_failures is not None:
                    client.run_on_scheduler(_set_allowed_failures, old_failures)
                if profiled:
                    client.run(_set_profiling, True, workers=profiled, on_error="ignore")
            except Exception:  # the scheduler went away: nothing to put back
                pass
        client.close()
        if local is not None:
            local.close()
